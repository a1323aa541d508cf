-- The uploader's IP key (IPv6 per /64), so blob bytes are capped per address too:
-- identities are free, addresses are not. Blobs stored before this count for no address.
ALTER TABLE blobs ADD COLUMN ip TEXT NOT NULL DEFAULT '';
CREATE INDEX blobs_ip ON blobs (ip, expires_at);
