-- Content-addressed blobs (ciphertext only: clients encrypt before uploading), shared by
-- every server. One row per hash; the first uploader (and its IP key) is charged for it.
-- [P-BLOB1] [P-BLOB3]
CREATE TABLE blobs (
  hash text PRIMARY KEY,
  owner text NOT NULL,
  ip text NOT NULL DEFAULT '',
  size bigint NOT NULL,
  data bytea NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX blobs_owner ON blobs (owner, expires_at);
CREATE INDEX blobs_ip ON blobs (ip, expires_at);
CREATE INDEX blobs_expiry ON blobs (expires_at);
