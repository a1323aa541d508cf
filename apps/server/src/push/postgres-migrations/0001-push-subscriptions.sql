-- Web Push subscriptions shared by every server [P-PUSH2]: one row per (client, endpoint)
-- with its RFC 8291 keys, and the rooms it covers. Keyed by client too, so nobody replaces
-- another client's row.
CREATE TABLE push_subscriptions (
  client_id text NOT NULL,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (client_id, endpoint)
);
CREATE INDEX push_subscriptions_endpoint ON push_subscriptions (endpoint);

CREATE TABLE push_rooms (
  room text NOT NULL,
  client_id text NOT NULL,
  endpoint text NOT NULL,
  PRIMARY KEY (room, client_id, endpoint),
  FOREIGN KEY (client_id, endpoint) REFERENCES push_subscriptions ON DELETE CASCADE
);
CREATE INDEX push_rooms_subscription ON push_rooms (client_id, endpoint);
