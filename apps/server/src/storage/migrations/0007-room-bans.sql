-- Clients an owner or admin removed with a ban: the server refuses their join requests to
-- that room. A ban rides on a Remove commit and is undone if that commit is voided. [P-ROLE3]
CREATE TABLE room_bans (
  room TEXT NOT NULL,
  client_id TEXT NOT NULL,
  PRIMARY KEY (room, client_id)
) STRICT, WITHOUT ROWID;
