import { afterEach, describe, expect, it } from 'vitest';
import { issueTurnCredentials } from '../src/turn/turn-credentials.ts';
import { claimRoom } from './helpers/claim-room.ts';
import { b64, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { TurnTestClient } from './turn/turn-test-client.ts';

/** One sample's value from Prometheus text, e.g. value(text, 'yam_rate_limited_total{kind="upgrade"}'). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('Prometheus metrics', () => {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
    server = undefined;
  });
  const connect = async () => {
    const c = await TestClient.authenticated(server!.wsUrl);
    clients.push(c);
    return c;
  };

  it('behind --metrics-token: 401 in words without it, counters move with use', async () => {
    server = await startTestServer({ metrics: { token: 'scrape-secret' } });
    const scrape = (auth?: string) =>
      fetch(`${server!.url}/metrics`, auth ? { headers: { authorization: auth } } : {});
    for (const auth of [undefined, 'Bearer wrong', 'scrape-secret']) {
      const refused = await scrape(auth);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toMatch(/needs its metrics token: send "Authorization: Bearer/);
    }
    const before = await (await scrape('Bearer scrape-secret')).text();
    expect(value(before, 'yam_connections_open')).toBe(0);
    expect(value(before, 'yam_messages_stored_total')).toBe(0);
    expect(before).toMatch(/^process_cpu_user_seconds_total /m); // default process metrics

    const a = await connect();
    const b = await connect();
    await TestClient.open(server.wsUrl).then((c) => clients.push(c)); // not signed in
    await claimRoom(a, 'room-1', [b]);
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await a.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('hi') });
    await a.request({ t: 'hist', rid: 3, room: 'room-1' });
    const grant = await a.request({ t: 'blob.grant', rid: 4 });
    const upload = await fetch(`${server.url}/blobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.token}` },
      body: new Uint8Array(1000),
    });
    expect(upload.status).toBe(201);

    const after = await (await scrape('Bearer scrape-secret')).text();
    expect(value(after, 'yam_connections_open')).toBe(3);
    expect(value(after, 'yam_connections_authenticated')).toBe(2);
    expect(value(after, 'yam_messages_stored_total')).toBe(1);
    expect(value(after, 'yam_commits_total')).toBe(1);
    expect(value(after, 'yam_history_bytes_served_total')).toBeGreaterThan(0);
    expect(value(after, 'yam_blob_bytes_stored_total')).toBe(1000);
    expect(value(after, 'yam_frames_in_total')).toBeGreaterThanOrEqual(6);
    expect(value(after, 'yam_frames_out_total')).toBeGreaterThan(
      value(before, 'yam_frames_out_total'),
    );
    expect(value(after, 'yam_turn_allocations')).toBe(0);
    // Nothing identifying in the labels.
    expect(after).not.toContain('room-1');
    expect(after).not.toContain(a.ready.clientId);

    a.ws.terminate();
    // The server sees the close a moment after the client: scrape until it has.
    let authenticated = 2;
    for (let i = 0; i < 100 && authenticated !== 1; i++) {
      const text = await (await scrape('Bearer scrape-secret')).text();
      authenticated = value(text, 'yam_connections_authenticated');
    }
    expect(authenticated).toBe(1);
  });

  it('--metrics-listen: /metrics on its own address only; per-IP refusals are counted', async () => {
    server = await startTestServer({
      metrics: { listen: '127.0.0.1:0' },
      limits: { maxConnectionsPerIp: 1 },
    });
    expect(server.metricsPort).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    await connect();
    await expect(TestClient.open(server.wsUrl)).rejects.toThrow('status 429');
    const res = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(value(text, 'yam_rate_limited_total{kind="upgrade"}')).toBe(1);
    expect(value(text, 'yam_connections_authenticated')).toBe(1);
  });

  it('names a malformed --metrics-listen', async () => {
    await expect(startTestServer({ metrics: { listen: 'localhost' } })).rejects.toThrow(
      /"localhost" is not an address to listen on/,
    );
  });

  it('counts live TURN allocations', async () => {
    server = await startTestServer({
      turn: { port: 0, secret: 'turn-secret' },
      metrics: { listen: '127.0.0.1:0' },
    });
    const scrape = async () =>
      (await fetch(`http://127.0.0.1:${server!.metricsPort}/metrics`)).text();
    expect(value(await scrape(), 'yam_turn_allocations')).toBe(0);
    const turn = await TurnTestClient.open({ ip: '127.0.0.1', port: server.turnPort ?? 0 });
    try {
      const c = issueTurnCredentials('turn-secret', 'client-1', 600);
      const reply = await turn.allocate({ username: c.username, password: c.credential });
      expect(reply.code).toBeUndefined();
      expect(value(await scrape(), 'yam_turn_allocations')).toBe(1);
    } finally {
      turn.close();
    }
  });
});
