import 'fake-indexeddb/auto';
import { createIdentity } from '@yam/crypto';
import { describe, expect, it } from 'vitest';
import { loadOrCreateIdentity, replaceIdentity } from './idb-identity.ts';
import { IdbSecretStore } from './idb-secret-store.ts';

const ORIGIN = 'http://yam.test';

async function secretsHeld(): Promise<Uint8Array | undefined> {
  const store = new IdbSecretStore(ORIGIN);
  try {
    return await store.get('group', 'room-1');
  } finally {
    await store.close();
  }
}

describe('device identity in IndexedDB', () => {
  it('keeps one key; an imported key replaces it and the old MLS state goes at next start', async () => {
    const first = await loadOrCreateIdentity();
    expect((await loadOrCreateIdentity()).clientId).toBe(first.clientId);
    const store = new IdbSecretStore(ORIGIN);
    await store.put('group', 'room-1', Uint8Array.of(1, 2, 3));
    await store.close();

    // Importing the key this browser already has changes nothing.
    await replaceIdentity(first);
    expect((await loadOrCreateIdentity()).clientId).toBe(first.clientId);
    expect(await secretsHeld()).toEqual(Uint8Array.of(1, 2, 3));

    const imported = createIdentity();
    await replaceIdentity(imported);
    const loaded = await loadOrCreateIdentity();
    expect(loaded.clientId).toBe(imported.clientId);
    expect(loaded.publicKey).toEqual(imported.publicKey);
    expect(await secretsHeld()).toBeUndefined();

    // Secrets made with the new key survive later starts.
    const again = new IdbSecretStore(ORIGIN);
    await again.put('group', 'room-1', Uint8Array.of(9));
    await again.close();
    expect((await loadOrCreateIdentity()).clientId).toBe(imported.clientId);
    expect(await secretsHeld()).toEqual(Uint8Array.of(9));
  });
});
