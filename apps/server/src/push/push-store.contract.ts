import { afterEach, describe, expect, it } from 'vitest';
import type { PushStore, PushSubscriptionRecord } from './push-store.ts';

/**
 * What every PushStore does [P-PUSH2] [P-PUSH5]; runs on SqlitePushStore and
 * PostgresPushStore (`test/push/push-store.test.ts`).
 */
export function pushStoreContract(name: string, make: () => Promise<PushStore> | PushStore): void {
  describe(`PushStore contract: ${name}`, () => {
    const open: PushStore[] = [];
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });
    const store = async () => {
      const s = await make();
      open.push(s);
      return s;
    };
    const sub = (clientId: string, endpoint: string, p256dh = 'key'): PushSubscriptionRecord => ({
      clientId,
      endpoint,
      p256dh,
      auth: 'auth',
    });

    it('[P-PUSH2] keeps a subscription with exactly the rooms of its last put', async () => {
      const s = await store();
      await s.put(sub('alice', 'https://p/1'), ['r1', 'r2', 'r2']);
      expect((await s.forRoom('r1')).map((x) => x.endpoint)).toEqual(['https://p/1']);
      await s.put(sub('alice', 'https://p/1', 'key2'), ['r2']);
      expect(await s.forRoom('r1')).toEqual([]);
      expect(await s.forRoom('r2')).toEqual([sub('alice', 'https://p/1', 'key2')]);
      expect(await s.countFor('alice')).toBe(1);
      expect(await s.has('alice', 'https://p/1')).toBe(true);
    });

    it('[P-PUSH2] one client cannot replace or remove another client’s row for the same endpoint', async () => {
      const s = await store();
      await s.put(sub('alice', 'https://p/1', 'alice-key'), ['r1']);
      await s.put(sub('mallory', 'https://p/1', 'mallory-key'), ['r1']);
      await s.remove('mallory', 'https://p/1');
      expect(await s.forRoom('r1')).toEqual([sub('alice', 'https://p/1', 'alice-key')]);
      expect(await s.countFor('mallory')).toBe(0);
    });

    it('[P-PUSH5] removeEndpoint drops every row of a gone endpoint', async () => {
      const s = await store();
      await s.put(sub('alice', 'https://p/gone'), ['r1', 'r2']);
      await s.put(sub('bob', 'https://p/kept'), ['r1']);
      await s.removeEndpoint('https://p/gone');
      expect((await s.forRoom('r1')).map((x) => x.clientId)).toEqual(['bob']);
      expect(await s.forRoom('r2')).toEqual([]);
      expect(await s.countFor('alice')).toBe(0);
    });
  });
}
