import { afterEach, describe, expect, it } from 'vitest';
import { b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { redisSkipReason } from '../helpers/test-redis.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';

const skip = await redisSkipReason('the shared KeyPackage budget test');

let cluster: Cluster | undefined;
const raw: TestClient[] = [];

afterEach(async () => {
  for (const c of raw.splice(0)) c.ws.terminate();
  await cluster?.stop();
  cluster = undefined;
});

async function connect(wsUrl: string) {
  const client = await TestClient.authenticated(wsUrl);
  raw.push(client);
  return client;
}

describe.skipIf(skip !== undefined)('[P-DS2] the per-target KeyPackage budget', () => {
  it('holds for the whole deployment: claims on a second instance do not get a fresh budget', async () => {
    cluster = await startCluster(2, { limits: { keyPackageTargetBurst: 4 } });
    const [s1, s2] = cluster.servers;
    const target = await connect(s1!.wsUrl);
    const stored = await target.request({
      t: 'kp.put',
      rid: 1,
      keyPackages: Array.from({ length: 20 }, (_, i) => b64(`one-time-${i}`)),
      lastResort: b64('last-resort'),
    });
    expect(stored).toMatchObject({ t: 'kp.stored', count: 20, lastResort: true });
    const targetId = target.ready.clientId as string;
    const claimAll = async (wsUrl: string, n: number, rid0: number) => {
      const claimer = await connect(wsUrl);
      const got: Frame[] = [];
      for (let i = 0; i < n; i++) {
        got.push(await claimer.request({ t: 'kp.claim', rid: rid0 + i, clientId: targetId }));
      }
      return got.map((f) => (f.lastResort ? 'last-resort' : 'one-time'));
    };
    // A stranger reaching both instances spends one budget of 4, not one per instance.
    expect(await claimAll(s1!.wsUrl, 3, 10)).toEqual(['one-time', 'one-time', 'one-time']);
    expect(await claimAll(s2!.wsUrl, 3, 20)).toEqual(['one-time', 'last-resort', 'last-resort']);
  });
});
