-- The relay takes the oldest pending rows of the lanes it holds: ORDER BY id LIMIT n. On the
-- (lane, id) index that means reading every pending row of those lanes and sorting them, so a
-- batch costs as much as the whole backlog. In id order, a batch reads about the rows it takes.
CREATE INDEX outbox_pending_by_id ON bank.outbox (id)
  WHERE published_at IS NULL AND parked_at IS NULL;
