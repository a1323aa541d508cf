import type { ClientId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../integration/sdk-harness.ts';
import { closeSecureMembers, secureMember } from '../integration/secure-harness.ts';

/**
 * Issue 9: "anyone can claim all of another user's KeyPackages, so DMs to them fail".
 * Claims are limited per target, and a last-resort KeyPackage keeps adds working. [P-DS2]
 */
describe('Doors: KeyPackages cannot be drained', () => {
  let server: TestServer | undefined;
  const raw: TestClient[] = [];
  afterEach(async () => {
    for (const c of raw.splice(0)) c.ws.terminate();
    await closeSecureMembers();
    await server?.stop();
    server = undefined;
  });

  it('[P-DS2] past the per-target budget a claim gets the last-resort KeyPackage, and a DM still opens', async () => {
    server = await startTestServer({
      limits: { keyPackageTargetBurst: 2, keyPackageTargetRatePerSec: 0.0001 },
    });
    const joined: string[] = [];
    const c = await secureMember(server.url, {
      listen: (secure) => secure.on('roomJoined', (r) => joined.push(r.room)),
    });
    await c.secure.replenishKeyPackages();
    const thief = await TestClient.authenticated(server.wsUrl);
    raw.push(thief);
    const claim = (rid: number) => thief.request({ t: 'kp.claim', rid, clientId: c.id });
    expect((await claim(1)).lastResort).toBeUndefined();
    expect((await claim(2)).lastResort).toBeUndefined();
    // The target's budget is spent: the thief gets the last-resort one, which stays.
    const third = await claim(3);
    expect(third).toMatchObject({ t: 'kp.claimed', lastResort: true });
    expect((await claim(4)).keyPackage).toBe(third.keyPackage);
    expect(await c.sdk.client.mls.putKeyPackages([])).toEqual({ count: 1, lastResort: true });

    const a = await secureMember(server.url);
    const dm = await a.secure.openDm(c.id as ClientId);
    await waitFor(() => joined.includes(dm), 'C joins the DM through its last-resort KeyPackage');
    expect((await claim(5)).keyPackage).toBe(third.keyPackage);
  });

  it('[P-DS2] with every one-time KeyPackage claimed, the last-resort one is returned and kept', async () => {
    server = await startTestServer();
    const c = await secureMember(server.url);
    await c.secure.replenishKeyPackages();
    const thief = await TestClient.authenticated(server.wsUrl);
    raw.push(thief);
    const claims = [];
    for (let rid = 1; rid <= 5; rid++) {
      claims.push(await thief.request({ t: 'kp.claim', rid, clientId: c.id }));
    }
    expect(claims.map((x) => x.lastResort ?? false)).toEqual([false, false, false, true, true]);
    expect(claims[3]!.keyPackage).toBe(claims[4]!.keyPackage);
    expect(await c.sdk.client.mls.putKeyPackages([])).toEqual({ count: 0, lastResort: true });
  });
});
