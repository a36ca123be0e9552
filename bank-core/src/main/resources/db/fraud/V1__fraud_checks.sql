-- The fraud-detection service's own schema: it shares the server with the bank, not its tables.

-- The inbox: every event id the service has acted on. Inserted in the same transaction as the
-- fraud check, so a redelivered event finds its id here and is skipped.
CREATE TABLE fraud.processed_events (
  event_id     uuid        PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One row per check made. With an idempotent consumer, one per transaction; the non-idempotent
-- variant writes one per delivery, which is what the checker calls processed-twice.
CREATE TABLE fraud.fraud_checks (
  check_id       bigserial   PRIMARY KEY,
  event_id       uuid        NOT NULL,
  transaction_id uuid        NOT NULL,
  account_id     text        NOT NULL,
  sequence       bigint      NOT NULL,
  amount_minor   bigint      NOT NULL,
  flagged        boolean     NOT NULL,
  reason         text,
  checked_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX fraud_checks_by_account ON fraud.fraud_checks (account_id, checked_at);
