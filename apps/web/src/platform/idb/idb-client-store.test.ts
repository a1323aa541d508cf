import 'fake-indexeddb/auto';
import type { ClientStore } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
// The contract suite lives beside the SDK's stores; it is not part of the SDK's public API.
import { clientStoreContract } from '../../../../../packages/client/src/store.contract.ts';
import { IdbClientStore } from './idb-client-store.ts';
import { loadOrCreateIdentity } from './idb-identity.ts';

let n = 0;
clientStoreContract('IdbClientStore', {
  make: () => new IdbClientStore(`http://contract-${++n}.test`),
  close: (store: ClientStore) => (store as IdbClientStore).close(),
});

describe('IdbClientStore', () => {
  it('keeps one database per server origin', async () => {
    const room = 'shared-name' as RoomId;
    const a = new IdbClientStore('http://a.test');
    const b = new IdbClientStore('http://b.test');
    await a.putMessages([
      {
        room,
        seq: 1 as Seq,
        from: 'A'.repeat(43) as ClientId,
        cmid: 'cmid-0001' as ClientMsgId,
        ts: 1,
        payload: new Uint8Array([1]),
      },
    ]);
    await a.setCursor(room, 1);
    expect(await b.getMessages(room, { limit: 10 })).toEqual([]);
    expect(await b.getCursor(room)).toBe(0);
    // A second store on the same origin (a reload) sees what the first wrote.
    const again = new IdbClientStore('http://a.test');
    expect((await again.getMessages(room, { limit: 10 })).map((m) => m.seq)).toEqual([1]);
    await Promise.all([a.close(), b.close(), again.close()]);
  });
});

describe('device identity in IndexedDB', () => {
  it('is created once and then reused, even when two tabs ask at once', async () => {
    const [first, second] = await Promise.all([loadOrCreateIdentity(), loadOrCreateIdentity()]);
    expect(second.clientId).toBe(first.clientId);
    const later = await loadOrCreateIdentity();
    expect(later.clientId).toBe(first.clientId);
    expect(later.secretKey).toEqual(first.secretKey);
  });
});
