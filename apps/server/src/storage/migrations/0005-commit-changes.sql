-- Each commit's declared roster change and how to undo it, so that a commit members found
-- invalid can be voided by the next one and the roster follows only the commits members
-- applied. [P-MEM7] Commits stored before this table have no row: they cannot be voided.
CREATE TABLE commit_changes (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  -- JSON arrays: the Welcome's recipients and the declared removes, as the commit said.
  adds TEXT NOT NULL,
  removes TEXT NOT NULL,
  -- JSON: {"added": [ids that joined the roster], "removed": [{"clientId","role"} that left]}.
  undo TEXT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room, seq)
) STRICT, WITHOUT ROWID;
