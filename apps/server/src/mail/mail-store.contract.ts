import { afterEach, describe, expect, it } from 'vitest';
import type { MailStore } from './mail-store.ts';

/** What every MailStore does [P-MAIL1]; runs on SqliteMailStore and PostgresMailStore. */
export function mailStoreContract(name: string, make: () => Promise<MailStore> | MailStore): void {
  describe(`MailStore contract: ${name}`, () => {
    const open: MailStore[] = [];
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });
    const store = async () => {
      const s = await make();
      open.push(s);
      return s;
    };

    it('[P-MAIL1] keeps one address per client, the last one set', async () => {
      const s = await store();
      expect(await s.get('alice')).toBeUndefined();
      await s.set('alice', 'a@example.net');
      await s.set('alice', 'a2@example.net');
      await s.set('bob', 'b@example.net');
      expect(await s.get('alice')).toBe('a2@example.net');
      expect(await s.get('bob')).toBe('b@example.net');
    });

    it('[P-MAIL1] remove forgets only that client’s address', async () => {
      const s = await store();
      await s.set('alice', 'a@example.net');
      await s.set('bob', 'b@example.net');
      await s.remove('alice');
      await s.remove('nobody');
      expect(await s.get('alice')).toBeUndefined();
      expect(await s.get('bob')).toBe('b@example.net');
    });
  });
}
