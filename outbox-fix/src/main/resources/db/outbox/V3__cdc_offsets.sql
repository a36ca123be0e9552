-- Where the CDC relay keeps Debezium's offsets (how far in the WAL it has published), in the same
-- database as the outbox: a restarted relay resumes there, neither losing events nor replaying
-- the whole table. One row per offset key; the relay upserts it after Kafka acknowledged a batch.
CREATE TABLE bank.cdc_offsets (
  offset_key   text        PRIMARY KEY,
  offset_value text,
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
