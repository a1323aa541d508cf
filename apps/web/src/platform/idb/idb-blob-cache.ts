const DB = 'yam-blobs';
const STORE = 'blobs';

let opening: Promise<IDBDatabase> | undefined;

function db(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const req = op(d.transaction(STORE, mode).objectStore(STORE));
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      }),
  );
}

/**
 * Encrypted blobs (image ciphertext) this device holds, by content hash: what it shows
 * without asking anyone and what it serves to peers that ask (serveBlobs).
 */
export const IdbBlobCache = {
  async get(hash: string): Promise<Uint8Array | undefined> {
    const value = await run<ArrayBuffer | undefined>('readonly', (s) => s.get(hash));
    return value ? new Uint8Array(value) : undefined;
  },
  async put(hash: string, bytes: Uint8Array): Promise<void> {
    await run('readwrite', (s) => s.put(bytes.slice().buffer, hash));
  },
};
