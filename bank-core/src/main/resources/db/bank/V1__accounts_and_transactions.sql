-- The bank's ledger for the strategies that keep one row per transaction (naive and outbox).
-- An account's row is locked by every transaction on it, so its sequence numbers follow commit
-- order: the order the fraud service must see the account's events in.

CREATE TABLE bank.accounts (
  account_id    text   PRIMARY KEY,
  balance_minor bigint NOT NULL DEFAULT 0,
  last_sequence bigint NOT NULL DEFAULT 0
);

CREATE TABLE bank.transactions (
  transaction_id uuid        PRIMARY KEY,
  event_id       uuid        NOT NULL UNIQUE,
  account_id     text        NOT NULL REFERENCES bank.accounts,
  sequence       bigint      NOT NULL,
  type           text        NOT NULL CHECK (type IN ('deposit', 'withdrawal', 'payment', 'purchase')),
  amount_minor   bigint      NOT NULL CHECK (amount_minor > 0),
  currency       char(3)     NOT NULL,
  recorded_at    timestamptz NOT NULL,
  UNIQUE (account_id, sequence)
);

-- What the checker reads as the truth, the same for every strategy. The commit timestamp comes
-- from PostgreSQL itself (track_commit_timestamp = on).
CREATE VIEW bank.committed_transactions AS
SELECT transaction_id, event_id, account_id, sequence, type, amount_minor, currency,
       pg_xact_commit_timestamp(xmin) AS committed_at
  FROM bank.transactions;
