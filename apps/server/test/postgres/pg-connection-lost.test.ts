import { isYamError } from '@yam/protocol';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';
import { TcpProxy } from './tcp-proxy.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const bytes = (text: string) => new TextEncoder().encode(text);
const A = 'A'.repeat(43);
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done();
});

function viaProxy(proxy: TcpProxy): string {
  const url = new URL(PG_TEST_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

const msg = (i: number) => ({
  room: 'r',
  from: A,
  cmid: `cmid-${i}`,
  ts: i,
  payload: bytes(`m${i}`),
});

/** [P-MSG3] What an append does while the database is away, and after it is back. */
describe.skipIf(!available)('PostgresStorage when the database connection is lost', () => {
  it('an append is refused with a retryable error (no ack) and works again once the database is back; nothing acked is lost', async () => {
    const url = new URL(PG_TEST_URL);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.resume();
    cleanup.push(() => proxy.cut());
    const storage = await PostgresStorage.open({
      url: viaProxy(proxy),
      schema: newSchema(),
      max: 3,
    });
    cleanup.push(() => storage.close());
    const acked = [];
    for (let i = 1; i <= 5; i++) acked.push(await storage.append(msg(i)));

    await proxy.cut();
    const refused = await storage.append(msg(6)).catch((error: unknown) => error);
    expect(isYamError(refused, 'INTERNAL')).toBe(true);
    expect((refused as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);

    await proxy.resume();
    // The client resends what got no ack, with the same cmid.
    const resent = await storage.append(msg(6));
    expect(resent).toMatchObject({ seq: 6, duplicate: false });
    expect((await storage.append(msg(3))).duplicate).toBe(true);
    const page = await storage.history('r', { after: 0, limit: 10 });
    expect(page.messages.map((m) => m.cmid)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `cmid-${i}`));
    expect(acked.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('connections terminated by the server (pg_terminate_backend) mid-load: every append is acked and stored, or refused as retryable', async () => {
    const schema = newSchema();
    const name = `yam-${schema}`;
    const storage = await PostgresStorage.open({ url: PG_TEST_URL, schema, max: 4, name });
    cleanup.push(() => storage.close());
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    cleanup.push(() => admin.end());
    await storage.append(msg(0));
    const appends = Array.from({ length: 60 }, (_, i) =>
      (async () => {
        // Different rooms, so the appends run on several connections at once.
        const input = { ...msg(i + 1), room: `r${i % 6}` };
        try {
          return { input, result: await storage.append(input) };
        } catch (error) {
          return { input, error };
        }
      })(),
    );
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    const outcomes = await Promise.all(appends);
    for (const o of outcomes) {
      if ('error' in o) expect(isYamError(o.error, 'INTERNAL')).toBe(true);
    }
    // Afterwards: the pool reconnects; resends store what was refused, nothing acked is missing.
    for (const { input } of outcomes) await storage.append(input);
    for (let room = 0; room < 6; room++) {
      const page = await storage.history(`r${room}`, { after: 0, limit: 100 });
      expect(page.messages).toHaveLength(10);
      const seqs = page.messages.map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
    for (const o of outcomes) {
      if (!('result' in o) || !o.result) continue;
      const page = await storage.history(o.input.room, { after: o.result.seq - 1, limit: 1 });
      expect(page.messages[0]?.cmid).toBe(o.input.cmid);
    }
  });
});
