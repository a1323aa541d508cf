-- The MLS delivery service. Every MLS structure is an opaque BLOB here.

-- Room log entries are application messages or commits; a commit keeps its epoch.
-- Existing rows are application messages.
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'app' CHECK (kind IN ('app', 'commit'));
ALTER TABLE messages ADD COLUMN epoch INTEGER;

-- The epoch the next commit must name: one commit per epoch.
ALTER TABLE rooms ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;

-- One-time KeyPackages, claimed oldest first.
CREATE TABLE key_packages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL,
  data BLOB NOT NULL
) STRICT;
CREATE INDEX key_packages_by_client ON key_packages (client_id, id);

-- A Welcome is stored once and referenced by each recipient's inbox item; AUTOINCREMENT
-- so an acked ID is never reused (clients drop items whose ID they have seen).
CREATE TABLE welcomes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  from_id TEXT NOT NULL,
  data BLOB NOT NULL,
  ts INTEGER NOT NULL
) STRICT;
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL,
  welcome_id INTEGER NOT NULL REFERENCES welcomes (id)
) STRICT;
CREATE INDEX inbox_by_client ON inbox (client_id, id);
CREATE INDEX inbox_by_welcome ON inbox (welcome_id);

-- Pending join requests: one per (room, requester).
CREATE TABLE join_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL,
  client_id TEXT NOT NULL,
  key_package BLOB NOT NULL,
  mac BLOB,
  info BLOB,
  ts INTEGER NOT NULL,
  UNIQUE (room, client_id)
) STRICT;
CREATE INDEX join_requests_by_client ON join_requests (client_id);
