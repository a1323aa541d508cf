/**
 * Where the addresses for e-mail on mention live (`SqliteMailStore`). One per client ID,
 * kept only to mail it that it was mentioned. [P-MAIL1]
 */
export interface MailStore {
  /** Sets (replaces) the client's address. */
  set(clientId: string, address: string): Promise<void>;
  /** Deletes the client's address; none is no error. */
  remove(clientId: string): Promise<void>;
  get(clientId: string): Promise<string | undefined>;
  close(): void;
}
