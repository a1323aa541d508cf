import type { SecretEntry, SecretKind, SecretStore } from '@yam/client';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

type SecretRecord = { kind: SecretKind; key: string; value: Uint8Array };

interface SecretSchema extends DBSchema {
  secrets: { key: [string, string]; value: SecretRecord };
}

/** The IndexedDB name of one server's secrets (MLS groups, KeyPackage keys, invites). */
export function secretDbNameFor(serverOrigin: string): string {
  return `yam-secrets:${serverOrigin}`;
}

/**
 * SecretStore on IndexedDB, one database per server origin, apart from the message store:
 * MLS state never leaves the browser (nothing here is ever uploaded).
 */
export class IdbSecretStore implements SecretStore {
  readonly #db: Promise<IDBPDatabase<SecretSchema>>;

  constructor(serverOrigin: string) {
    this.#db = openDB<SecretSchema>(secretDbNameFor(serverOrigin), 1, {
      upgrade(db) {
        db.createObjectStore('secrets', { keyPath: ['kind', 'key'] });
      },
    });
  }

  async get(kind: SecretKind, key: string): Promise<Uint8Array | undefined> {
    const record = await (await this.#db).get('secrets', [kind, key]);
    return record ? new Uint8Array(record.value) : undefined;
  }

  async put(kind: SecretKind, key: string, value: Uint8Array): Promise<void> {
    await (await this.#db).put('secrets', { kind, key, value: value.slice() });
  }

  async delete(kind: SecretKind, key: string): Promise<void> {
    await (await this.#db).delete('secrets', [kind, key]);
  }

  async getMany(kind: SecretKind, keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    if (keys.length === 0) return [];
    const tx = (await this.#db).transaction('secrets');
    const records = await Promise.all(keys.map((key) => tx.store.get([kind, key])));
    return records.map((r) => (r ? new Uint8Array(r.value) : undefined));
  }

  async putMany(kind: SecretKind, entries: readonly SecretEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const tx = (await this.#db).transaction('secrets', 'readwrite');
    await Promise.all([
      ...entries.map(({ key, value }) => tx.store.put({ kind, key, value: value.slice() })),
      tx.done,
    ]);
  }

  async list(kind: SecretKind, prefix = ''): Promise<SecretEntry[]> {
    // Keys sort as strings; '\uffff' ends the prefix range.
    const range = IDBKeyRange.bound([kind, prefix], [kind, `${prefix}\uffff`]);
    const records = await (await this.#db).getAll('secrets', range);
    return records.map((r) => ({ key: r.key, value: new Uint8Array(r.value) }));
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
