-- The event-sourced bank keeps one table of facts: every transaction is an entry appended to its
-- account's stream. There is no second table to write and no second write to get wrong. The
-- balance, the checker's view and the relay's input are all read from these entries.

CREATE TABLE bank.ledger_entries (
  entry_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id     text        NOT NULL,
  -- The account's version after this entry: 1, 2, 3, ... A writer appends version n + 1 after
  -- reading n; two writers that read the same n collide on the constraint below, and the loser
  -- retries (optimistic concurrency). An account's versions therefore follow commit order.
  version        bigint      NOT NULL CHECK (version >= 1),
  transaction_id uuid        NOT NULL UNIQUE,
  event_id       uuid        NOT NULL UNIQUE,
  type           text        NOT NULL CHECK (type IN ('deposit', 'withdrawal', 'payment', 'purchase')),
  amount_minor   bigint      NOT NULL CHECK (amount_minor > 0),
  currency       char(3)     NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The PostgreSQL transaction that wrote the entry. Entry ids are handed out when rows are
  -- inserted, not when they commit, so they cannot tell a relay what is final; transaction ids
  -- can: everything written by a transaction older than the oldest one still running is final.
  writer_xid     xid8        NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT one_entry_per_version UNIQUE (account_id, version)
);

-- The log relay reads in (writer_xid, entry_id) order.
CREATE INDEX ledger_entries_in_log_order ON bank.ledger_entries (writer_xid, entry_id);

-- Append-only: a fact, once committed, is never changed or taken back.
CREATE FUNCTION bank.refuse_to_rewrite_the_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE TRIGGER ledger_entries_are_never_updated_or_deleted
  BEFORE UPDATE OR DELETE ON bank.ledger_entries
  FOR EACH ROW EXECUTE FUNCTION bank.refuse_to_rewrite_the_ledger();

CREATE TRIGGER ledger_entries_are_never_truncated
  BEFORE TRUNCATE ON bank.ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION bank.refuse_to_rewrite_the_ledger();

-- How far the relay has published, moved only after Kafka acknowledged. One row per relay kind:
-- the log relay uses both columns; the naive cursor uses only the entry id, which is its flaw.
CREATE TABLE bank.relay_positions (
  relay            text   PRIMARY KEY,
  after_writer_xid xid8   NOT NULL,
  after_entry_id   bigint NOT NULL
);

INSERT INTO bank.relay_positions (relay, after_writer_xid, after_entry_id)
VALUES ('log-relay', '0', 0),
       ('naive-cursor', '0', 0);

-- The balance is computed from the entries, never stored apart from them.
CREATE VIEW bank.account_balances AS
SELECT account_id,
       max(version) AS version,
       sum(CASE type WHEN 'deposit' THEN amount_minor ELSE -amount_minor END) AS balance_minor
  FROM bank.ledger_entries
 GROUP BY account_id;

-- What the checker reads as the truth, the same for every strategy: sequence is the account's
-- version, and the commit timestamp comes from PostgreSQL itself (track_commit_timestamp = on).
CREATE VIEW bank.committed_transactions AS
SELECT transaction_id, event_id, account_id, version AS sequence, type, amount_minor, currency,
       pg_xact_commit_timestamp(xmin) AS committed_at
  FROM bank.ledger_entries;
