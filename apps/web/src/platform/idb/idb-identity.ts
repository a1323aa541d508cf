import { createIdentity, type DeviceIdentity, identityFromSecretKey } from '@yam/crypto';
import { openDB } from 'idb';

const DB_NAME = 'yam-device';
const STORE = 'identity';
const KEY = 'device';

type IdentityRecord = { secretKey: Uint8Array; createdAt: number };

/**
 * The device identity of this browser profile, created on the first visit. Read and
 * create happen in one transaction so two tabs opened at once still agree on one key.
 */
export async function loadOrCreateIdentity(): Promise<DeviceIdentity> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const existing = (await tx.store.get(KEY)) as IdentityRecord | undefined;
    if (existing) {
      await tx.done;
      return identityFromSecretKey(existing.secretKey);
    }
    const identity = createIdentity();
    const record: IdentityRecord = { secretKey: identity.secretKey, createdAt: Date.now() };
    await tx.store.put(record, KEY);
    await tx.done;
    return identity;
  } finally {
    db.close();
  }
}
