-- Doors that cannot be jammed (issue 9). [P-DS2] [P-DS5] [P-DS7]

-- A join request remembers the requester's network (IPv4 address or IPv6 /64) for the
-- per-network cap; requests from before this migration count as one unknown network.
-- Requests expire by their ts.
ALTER TABLE join_requests ADD COLUMN network TEXT NOT NULL DEFAULT '';
CREATE INDEX join_requests_by_network ON join_requests (network);
CREATE INDEX join_requests_by_ts ON join_requests (ts);

-- Inbox items expire by their Welcome's ts.
CREATE INDEX welcomes_by_ts ON welcomes (ts);

-- One last-resort KeyPackage per client (RFC 9420 §16.8): handed out when no one-time
-- one is left, never deleted by a claim.
ALTER TABLE key_packages ADD COLUMN last_resort INTEGER NOT NULL DEFAULT 0
  CHECK (last_resort IN (0, 1));
CREATE UNIQUE INDEX key_packages_last_resort ON key_packages (client_id) WHERE last_resort = 1;
