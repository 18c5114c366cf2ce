-- The messages not yet sent, counted at each scrape of /metrics (lokalbanken_messages_waiting):
-- a partial index keeps that count to the few waiting rows, however many have been sent.
CREATE INDEX messages_unsent_idx ON messages (created_at) WHERE sent_at IS NULL;
