-- The latest profile record per (room, client): opaque bytes the server compares and
-- forwards, never parses. [P-PROF1] [P-PROF2]
CREATE TABLE profiles (
  room TEXT NOT NULL,
  client_id TEXT NOT NULL,
  data BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room, client_id)
) WITHOUT ROWID;
