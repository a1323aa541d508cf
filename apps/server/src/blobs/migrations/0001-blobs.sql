-- Content-addressed blobs (ciphertext only: clients encrypt before uploading). [P-BLOB1]
-- One row per hash; the first uploader is charged for it against its quota.
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX blobs_owner ON blobs (owner, expires_at);
CREATE INDEX blobs_expiry ON blobs (expires_at);
