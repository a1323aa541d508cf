-- The servers' shared HMAC key (upload tokens, TURN credentials): a token granted by one
-- server must verify on every other one behind the load balancer. One row, written by the
-- first server that starts.
CREATE TABLE server_secret (
  id integer PRIMARY KEY CHECK (id = 1),
  secret bytea NOT NULL CHECK (octet_length(secret) >= 32)
);
