-- E-mail on mention [P-MAIL1], shared by every server: the one address a client asked to
-- be mailed at, kept only for that and deleted when the client removes it.
CREATE TABLE mail_addresses (
  client_id text PRIMARY KEY,
  address text NOT NULL,
  created_at bigint NOT NULL
);
