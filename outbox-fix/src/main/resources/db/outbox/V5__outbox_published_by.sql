-- Which relay marked the row published (relay-1, relay-2, ...): with several relays sharing the
-- lanes, it shows how the work was split, and answers "who sent X?" next to "when?".
ALTER TABLE bank.outbox ADD COLUMN published_by text;
