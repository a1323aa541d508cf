-- Web Push subscriptions [P-PUSH2]: one row per (client, endpoint) with its RFC 8291 keys,
-- and the rooms it covers. Keyed by client too, so nobody replaces another client's row.
CREATE TABLE push_subscriptions (
  client_id TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, endpoint)
) WITHOUT ROWID;
CREATE INDEX push_subscriptions_endpoint ON push_subscriptions (endpoint);

CREATE TABLE push_rooms (
  room TEXT NOT NULL,
  client_id TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  PRIMARY KEY (room, client_id, endpoint)
) WITHOUT ROWID;
CREATE INDEX push_rooms_subscription ON push_rooms (client_id, endpoint);
