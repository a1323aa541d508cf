import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * The attack of issue 9 ("jam the doors"): an outsider fills a victim's Welcome inbox with
 * commits to rooms of its own, so the victim's client drowns on every connect. [P-DS7]
 */
describe('Doors: an attacker cannot fill a victim’s Welcome inbox', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-DS7] Welcomes for a room the victim did not ask to join are refused; the victim stays connected', async () => {
    server = await startTestServer();
    const victimIdentity = createIdentity();
    const victimId = TestClient.authenticated(server.wsUrl, victimIdentity).then((v) => {
      clients.push(v);
      return v.ready.clientId as string;
    });
    const to = await victimId;
    clients[0]!.ws.terminate(); // the victim is offline while the attacker works
    const attacker = await TestClient.authenticated(server.wsUrl);
    clients.push(attacker);
    await claimRoom(attacker, 'attacker-room');
    const big = Buffer.alloc(120 * 1024, 7).toString('base64url');
    const refusals: string[] = [];
    for (let i = 0; i < 30; i++) {
      const reply = await attacker.request({
        t: 'commit',
        rid: 10 + i,
        room: 'attacker-room',
        epoch: 1 + i - refusals.length, // an accepted one would move the epoch on
        cmid: `flood-${String(i).padStart(4, '0')}`,
        commit: b64(`c${i}`),
        welcome: { to: [to], data: big },
      });
      if (reply.t === 'error') refusals.push(reply.code);
    }
    expect(refusals).toHaveLength(30);
    expect(new Set(refusals)).toEqual(new Set(['NOT_FOUND']));
    // Nothing of the refused commits was stored: the room is still at epoch 1.
    const again = await attacker.request({
      t: 'commit',
      rid: 99,
      room: 'attacker-room',
      epoch: 1,
      cmid: 'after-0001',
      commit: b64('after'),
    });
    expect(again).toMatchObject({ t: 'ack', seq: 2 });

    const victim = await TestClient.authenticated(server.wsUrl, victimIdentity);
    clients.push(victim);
    const ping = await victim.request({ t: 'kp.put', rid: 1, keyPackages: [] });
    expect(ping.t).toBe('kp.stored');
    expect(victim.frames.filter((f) => f.t === 'welcome')).toEqual([]);
    expect(victim.ws.readyState).toBe(victim.ws.OPEN);
  });
});
