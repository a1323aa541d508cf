/**
 * What a device keeps secret per server, by kind:
 * - `group`: a room's serialized MLS group (private keys, epoch secrets), key = room; since
 *   issue 14 its core only, naming by hash the parts that grow with the group;
 * - `groupPart`: such a part (ratchet tree, past epochs' data; rewritten by commits), key =
 *   `<room>\n<hash>`;
 * - `keyPackage`: a pending KeyPackage's private parts, key = its id;
 * - `invite`: a one-time invite key this device made, key = `<room>\n<id>`;
 * - `opened`: plaintext of a room message (own ones, and others' after decryption), because
 *   MLS decrypts each message once: key = `<room>\n<from>\n<cmid>`;
 * - `room`: small per-room facts (join epoch, removed flag), key = room;
 * - `epochKey`: a room epoch's key for sealed records (profiles), key = `<room>\n<epoch>`;
 * - `block`: a client this device blocked (rooms/blocks.ts), key = its client ID.
 */
export type SecretKind =
  | 'group'
  | 'groupPart'
  | 'keyPackage'
  | 'invite'
  | 'opened'
  | 'room'
  | 'epochKey'
  | 'block';

/** One stored entry. */
export type SecretEntry = { key: string; value: Uint8Array };

/**
 * Device-local storage for MLS state and other secrets. It never leaves the device: the
 * web app keeps it in IndexedDB, the CLI in its SQLite file; MemorySecretStore in tests.
 * Values are opaque bytes; `put` replaces. Methods may be called concurrently.
 */
export interface SecretStore {
  get(kind: SecretKind, key: string): Promise<Uint8Array | undefined>;
  put(kind: SecretKind, key: string, value: Uint8Array): Promise<void>;
  delete(kind: SecretKind, key: string): Promise<void>;
  /** The values of `keys` in their order (undefined where absent), read in one step. */
  getMany(kind: SecretKind, keys: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** Puts every entry in one step (one transaction): a crash keeps all of them or none. */
  putMany(kind: SecretKind, entries: readonly SecretEntry[]): Promise<void>;
  /** Entries of a kind whose key starts with `prefix` (all when omitted), ordered by key. */
  list(kind: SecretKind, prefix?: string): Promise<SecretEntry[]>;
}

/** A SecretStore in memory: for tests and short-lived tools. */
export class MemorySecretStore implements SecretStore {
  readonly #data = new Map<string, Uint8Array>();

  async get(kind: SecretKind, key: string): Promise<Uint8Array | undefined> {
    return this.#data.get(`${kind}\u0000${key}`)?.slice();
  }

  async put(kind: SecretKind, key: string, value: Uint8Array): Promise<void> {
    this.#data.set(`${kind}\u0000${key}`, value.slice());
  }

  async delete(kind: SecretKind, key: string): Promise<void> {
    this.#data.delete(`${kind}\u0000${key}`);
  }

  async getMany(kind: SecretKind, keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return keys.map((key) => this.#data.get(`${kind}\u0000${key}`)?.slice());
  }

  async putMany(kind: SecretKind, entries: readonly SecretEntry[]): Promise<void> {
    for (const { key, value } of entries) this.#data.set(`${kind}\u0000${key}`, value.slice());
  }

  async list(kind: SecretKind, prefix = ''): Promise<SecretEntry[]> {
    const start = `${kind}\u0000${prefix}`;
    const out: SecretEntry[] = [];
    for (const [k, value] of this.#data) {
      if (k.startsWith(start)) out.push({ key: k.slice(kind.length + 1), value: value.slice() });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
