import { createIdentity, type DeviceIdentity, identityFromSecretKey } from '@yam/crypto';
import { deleteDB, openDB } from 'idb';
import { secretDbNameFor } from './idb-secret-store.ts';

const DB_NAME = 'yam-device';
const STORE = 'identity';
const KEY = 'device';

/** `staleSecrets`: the key was replaced; the MLS state made with the old one goes at start. */
type IdentityRecord = { secretKey: Uint8Array; createdAt: number; staleSecrets?: boolean };

function openDevice() {
  return openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
}

/**
 * The device identity of this browser profile, created on the first visit. Read and
 * create happen in one transaction so two tabs opened at once still agree on one key.
 */
export async function loadOrCreateIdentity(): Promise<DeviceIdentity> {
  const db = await openDevice();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const existing = (await tx.store.get(KEY)) as IdentityRecord | undefined;
    if (existing) {
      await tx.done;
      if (existing.staleSecrets) {
        await deleteSecretStores();
        const { staleSecrets: _, ...kept } = existing;
        await db.put(STORE, kept, KEY);
      }
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

/** The device identity when there is one (the service worker never makes one). */
export async function loadIdentity(): Promise<DeviceIdentity | undefined> {
  const db = await openDevice();
  try {
    const existing = (await db.get(STORE, KEY)) as IdentityRecord | undefined;
    return existing && !existing.staleSecrets
      ? identityFromSecretKey(existing.secretKey)
      : undefined;
  } finally {
    db.close();
  }
}

/**
 * Replaces this browser's device identity (an imported backup). The caller reloads the
 * page afterwards: every open connection still signs with the old key. MLS groups and
 * KeyPackages belong to the old key, so the next start deletes them (not now: the open
 * sessions hold those databases); the rooms then ask for a new invite.
 */
export async function replaceIdentity(identity: DeviceIdentity): Promise<void> {
  const db = await openDevice();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const existing = (await tx.store.get(KEY)) as IdentityRecord | undefined;
    const same =
      existing && identityFromSecretKey(existing.secretKey).clientId === identity.clientId;
    if (!same) {
      const record: IdentityRecord = {
        secretKey: identity.secretKey,
        createdAt: Date.now(),
        staleSecrets: true,
      };
      await tx.store.put(record, KEY);
    }
    await tx.done;
  } finally {
    db.close();
  }
}

/** Deletes every server's secret store (run before any session opens one). */
async function deleteSecretStores(): Promise<void> {
  const prefix = secretDbNameFor('');
  const all = await indexedDB.databases();
  await Promise.all(all.flatMap((d) => (d.name?.startsWith(prefix) ? [deleteDB(d.name)] : [])));
}
