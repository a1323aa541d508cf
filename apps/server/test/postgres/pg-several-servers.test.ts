import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.ts';
import type { CommitInput, Storage } from '../../src/storage/storage.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const bytes = (text: string) => new TextEncoder().encode(text);
const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const open: Storage[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Several servers sharing one database: one PostgresStorage (one pool) each. */
async function servers(n: number): Promise<PostgresStorage[]> {
  const schema = newSchema();
  const made = await Promise.all(
    Array.from({ length: n }, () => PostgresStorage.open({ url: PG_TEST_URL, schema, max: 4 })),
  );
  open.push(...made);
  return made;
}

function commit(epoch: number, cmid: string, from: string): CommitInput {
  return { room: 'r', from, cmid, ts: 1, epoch, payload: bytes(cmid) };
}

describe.skipIf(!available)('PostgresStorage shared by several servers', () => {
  it('[P-SEQ1] appends to one room from three servers at once get gap-free, distinct seqs', async () => {
    const all = await servers(3);
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        all[i % 3]!.append({ room: 'r', from: A, cmid: `cmid-${i}`, ts: i, payload: bytes('x') }),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    const page = await all[1]!.history('r', { after: 0, limit: 200 });
    expect(page.messages.map((m) => m.seq)).toEqual(results.map((_, i) => i + 1));
  });

  it('[P-MSG4] the same cmid sent to two servers at once is stored once', async () => {
    const [one, two] = await servers(2);
    for (let i = 0; i < 20; i++) {
      const input = { room: 'r', from: A, cmid: `cmid-${i}`, ts: i, payload: bytes('x') };
      const [a, b] = await Promise.all([one!.append(input), two!.append(input)]);
      expect(a!.seq).toBe(b!.seq);
      expect([a!.duplicate, b!.duplicate].sort()).toEqual([false, true]);
    }
    expect(await one!.head('r')).toBe(20);
  });

  it('[P-DS1] of commits for one epoch sent to different servers at once, exactly one is stored', async () => {
    const [one, two, three] = await servers(3);
    expect((await one!.appendCommit(commit(0, 'claim', A))).ok).toBe(true);
    for (let epoch = 1; epoch <= 10; epoch++) {
      const results = await Promise.all([
        one!.appendCommit(commit(epoch, `c${epoch}-1`, A)),
        two!.appendCommit(commit(epoch, `c${epoch}-2`, A)),
        three!.appendCommit(commit(epoch, `c${epoch}-3`, A)),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((r) => !r.ok)) {
        expect(r).toEqual({ ok: false, reason: 'epoch', epoch: epoch + 1 });
      }
    }
    expect(await three!.epoch('r')).toBe(11);
    expect(await two!.head('r')).toBe(11);
  });

  it('[P-DS2] a KeyPackage claimed on two servers at once goes to one of them', async () => {
    const [one, two] = await servers(2);
    const kps = Array.from({ length: 10 }, (_, i) => bytes(`kp${i}`));
    await one!.putKeyPackages(B, kps, 10);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? one! : two!).claimKeyPackage(B)),
    );
    const got = claims.flatMap((c) => (c ? [new TextDecoder().decode(c.data)] : []));
    expect(got.sort()).toEqual(kps.map((k) => new TextDecoder().decode(k)).sort());
  });

  it('[P-DS5] join request caps hold with requests arriving at several servers', async () => {
    const all = await servers(3);
    const caps = { perRoom: 5, perClient: 5, perNetwork: 100, notBefore: 0 };
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        all[i % 3]!.addJoinRequest(
          {
            room: 'r',
            from: `client-${i}`,
            keyPackage: bytes('kp'),
            ts: 1,
            network: '10.0.0.1',
          },
          caps,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await all[0]!.joinRequests('r', 0)).toHaveLength(5);
  });
});
