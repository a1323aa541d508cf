-- Password joins carry a CPace share instead of a MAC keyed by the password [P-PAKE1].
ALTER TABLE join_requests ADD COLUMN pake BLOB;

-- Pending requests from before this version may hold a password-keyed MAC, which allows an
-- offline dictionary attack; the server cannot tell them from invite MACs, so all pending
-- requests with a MAC go (their joiners ask again).
DELETE FROM join_requests WHERE mac IS NOT NULL;
