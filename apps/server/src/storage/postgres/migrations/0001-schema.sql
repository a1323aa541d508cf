-- The table set of SqliteStorage after its migrations 0001..0008, in PostgreSQL types.
-- Every MLS structure and every payload is opaque bytes (bytea). Times are ms since the
-- epoch (bigint). [P-MSG3] [P-DS1] [P-MEM1] [P-MEM7] [P-ROLE3] [P-DS7]

-- `head` is the room's highest seq and `epoch` the epoch the next commit must name. Every
-- write to a room's log locks this row first, so seqs are gap-free and commits land in
-- seq order even with several servers writing.
CREATE TABLE rooms (
  room text PRIMARY KEY,
  head bigint NOT NULL,
  epoch bigint NOT NULL DEFAULT 0
);

CREATE TABLE messages (
  room text NOT NULL,
  seq bigint NOT NULL,
  client_id text NOT NULL,
  cmid text NOT NULL,
  ts bigint NOT NULL,
  payload bytea NOT NULL,
  kind text NOT NULL DEFAULT 'app' CHECK (kind IN ('app', 'commit')),
  epoch bigint,
  PRIMARY KEY (room, seq),
  UNIQUE (room, client_id, cmid)
);

-- One-time KeyPackages, claimed oldest first, and at most one last-resort one per client.
CREATE TABLE key_packages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id text NOT NULL,
  data bytea NOT NULL,
  last_resort boolean NOT NULL DEFAULT false
);
CREATE INDEX key_packages_by_client ON key_packages (client_id, id);
CREATE UNIQUE INDEX key_packages_last_resort ON key_packages (client_id) WHERE last_resort;

-- A Welcome is stored once and referenced by each recipient's inbox item. Identity
-- sequences never hand out an ID twice (clients drop items whose ID they have seen).
CREATE TABLE welcomes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room text NOT NULL,
  from_id text NOT NULL,
  data bytea NOT NULL,
  ts bigint NOT NULL
);
CREATE INDEX welcomes_by_ts ON welcomes (ts);
CREATE TABLE inbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id text NOT NULL,
  welcome_id bigint NOT NULL REFERENCES welcomes (id)
);
CREATE INDEX inbox_by_client ON inbox (client_id, id);
CREATE INDEX inbox_by_welcome ON inbox (welcome_id);

-- Pending join requests: one per (room, requester), with the requester's network.
CREATE TABLE join_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room text NOT NULL,
  client_id text NOT NULL,
  key_package bytea NOT NULL,
  mac bytea,
  pake bytea,
  info bytea,
  ts bigint NOT NULL,
  network text NOT NULL DEFAULT '',
  UNIQUE (room, client_id)
);
CREATE INDEX join_requests_by_client ON join_requests (client_id);
CREATE INDEX join_requests_by_network ON join_requests (network);
CREATE INDEX join_requests_by_ts ON join_requests (ts);

-- The latest profile record per (room, client). [P-PROF1] [P-PROF2]
CREATE TABLE profiles (
  room text NOT NULL,
  client_id text NOT NULL,
  data bytea NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (room, client_id)
);

-- Who is in each room, as the server follows it from the commits it sequences. [P-MEM1]
CREATE TABLE room_members (
  room text NOT NULL,
  client_id text NOT NULL,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
  PRIMARY KEY (room, client_id)
);

-- Each commit's declared roster change and its undo record. [P-MEM7]
CREATE TABLE commit_changes (
  room text NOT NULL,
  seq bigint NOT NULL,
  epoch bigint NOT NULL,
  adds jsonb NOT NULL,
  removes jsonb NOT NULL,
  undo jsonb NOT NULL,
  voided boolean NOT NULL DEFAULT false,
  PRIMARY KEY (room, seq)
);

-- Clients banned from asking to join a room. [P-ROLE3]
CREATE TABLE room_bans (
  room text NOT NULL,
  client_id text NOT NULL,
  PRIMARY KEY (room, client_id)
);
