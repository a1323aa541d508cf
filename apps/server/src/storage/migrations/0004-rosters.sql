-- Who is in each room: the MLS group as the server follows it from the commits it
-- sequences (never by decrypting anything). [P-MEM1]
CREATE TABLE room_members (
  room TEXT NOT NULL,
  client_id TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
  PRIMARY KEY (room, client_id)
) STRICT, WITHOUT ROWID;

-- Rooms made before rosters existed [P-MEM6]: whoever wrote to a room's log (commits and
-- app messages) and whoever still has a Welcome for it waiting is a member; the sender
-- of the room's first commit is its owner. Members who joined by a Welcome they already
-- acked and never wrote are not in the log: a member has to add them again.
INSERT OR IGNORE INTO room_members (room, client_id, role)
  SELECT room, client_id, 'owner' FROM messages WHERE kind = 'commit' AND epoch = 0;
INSERT OR IGNORE INTO room_members (room, client_id)
  SELECT DISTINCT room, client_id FROM messages;
INSERT OR IGNORE INTO room_members (room, client_id)
  SELECT DISTINCT w.room, i.client_id FROM inbox i JOIN welcomes w ON w.id = i.welcome_id;
