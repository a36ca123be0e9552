-- The transactional outbox: the bank writes one row here in the same database transaction as the
-- ledger row, so the event exists exactly when the transaction does. A relay publishes the rows.

-- Lanes are to the outbox what partitions are to a topic: every account maps to one lane, and a
-- relay publishes a lane's rows only while it holds that lane's row lock. Two relays never publish
-- the same account at the same time, so each account's events reach Kafka in commit order.
CREATE TABLE bank.outbox_lanes (
  lane smallint PRIMARY KEY
);
INSERT INTO bank.outbox_lanes (lane) SELECT generate_series(0, 15);

CREATE TABLE bank.outbox (
  -- The order rows were written in. An account's transactions are serialised by its row lock in
  -- bank.accounts, so for one account this is also commit order.
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id      uuid        NOT NULL UNIQUE,
  account_id    text        NOT NULL,
  event_type    text        NOT NULL,
  -- The event's JSON exactly as EventJson wrote it: json (not jsonb) keeps the bytes as written.
  payload       json        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Set by the relay once Kafka acknowledged the record. Rows are kept after that (retention
  -- deletes them later): they show what was sent and when, and answer a consumer's "did you
  -- send X?".
  published_at  timestamptz,
  -- How many times a relay tried to publish the row, and the last refusal.
  attempts      integer     NOT NULL DEFAULT 0,
  last_error    text,
  -- A poison row (Kafka refuses this record itself, e.g. too large) is parked after a bounded
  -- number of attempts, so it cannot block the rows behind it. An operator looks at it.
  parked_at     timestamptz,
  parked_reason text,
  -- No foreign key to bank.outbox_lanes on purpose: its check would make the bank's insert lock
  -- the lane, and so wait for a relay that holds the lane while Kafka is slow.
  lane          smallint    NOT NULL GENERATED ALWAYS AS (hashtext(account_id) & 15) STORED
);

-- What a relay looks for: the unpublished, unparked rows of a lane, oldest first.
CREATE INDEX outbox_pending ON bank.outbox (lane, id)
  WHERE published_at IS NULL AND parked_at IS NULL;

-- What the retention job deletes: published rows, oldest first.
CREATE INDEX outbox_published ON bank.outbox (published_at)
  WHERE published_at IS NOT NULL;

-- Wakes the polling relays at commit time, so they need not poll fast. The notification is sent
-- only if the bank's transaction commits, like the row itself.
CREATE FUNCTION bank.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bank_outbox', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON bank.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION bank.outbox_notify();
