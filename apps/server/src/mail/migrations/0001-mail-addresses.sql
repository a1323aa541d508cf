-- E-mail on mention [P-MAIL1]: the one address a client asked to be mailed at, kept only
-- for that and deleted when the client removes it.
CREATE TABLE mail_addresses (
  client_id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
