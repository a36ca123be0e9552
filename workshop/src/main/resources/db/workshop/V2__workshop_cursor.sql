-- The position of the workshop's cursor (dualwrite.workshop.LedgerCursor), next to the lab's own
-- two: before the first entry.
INSERT INTO bank.relay_positions (relay, after_writer_xid, after_entry_id)
VALUES ('workshop', '0', 0);
