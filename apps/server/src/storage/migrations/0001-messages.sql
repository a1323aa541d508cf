-- Rooms and their messages. `head` is the room's highest seq, so the next seq is one
-- UPDATE away and gap-free inside the appending transaction.
CREATE TABLE rooms (
  room TEXT PRIMARY KEY,
  head INTEGER NOT NULL
) STRICT;

CREATE TABLE messages (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  cmid TEXT NOT NULL,
  ts INTEGER NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (room, seq),
  UNIQUE (room, client_id, cmid)
) STRICT, WITHOUT ROWID;
