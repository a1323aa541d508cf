import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTurnCredentials } from '../../src/turn/turn-credentials.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { coturnSkipReason, runTool, startPeer, uclientSummary } from './coturn-tools.ts';

const SECRET = 'interop-secret';
const skip = coturnSkipReason();
if (skip) console.log(`skipping coturn interop tests: ${skip}`);

/** Our TURN server driven by coturn's own client tools: an independent implementation. */
describe.skipIf(skip !== undefined)('coturn client tools against our TURN server', () => {
  let server: TestServer;
  let peer: Awaited<ReturnType<typeof startPeer>>;
  let port: string;

  beforeAll(async () => {
    server = await startTestServer({
      turn: { port: 0, secret: SECRET, allowLoopbackPeers: true, maxAllocationsPerClient: 3 },
    });
    port = String(server.turnPort);
    peer = await startPeer();
  });
  afterAll(async () => {
    await peer?.stop();
    await server?.stop();
  });

  /** uclient with REST credentials for `user`, relaying to turnutils_peer. */
  const uclient = (user: string, extra: string[], secret = SECRET) =>
    runTool('turnutils_uclient', [
      ...['-c', '-n', '40', '-l', '400', '-z', '5', '-p', port],
      ...['-e', '127.0.0.1', '-r', String(peer.port), '-u', user, '-W', secret],
      ...extra,
      '127.0.0.1',
    ]);

  it('turnutils_stunclient gets the right XOR-MAPPED-ADDRESS', async () => {
    const { code, output } = await runTool('turnutils_stunclient', ['-p', port, '127.0.0.1']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/UDP reflexive addr: 127\.0\.0\.1:\d{2,5}/);
  });

  // Concurrent: uclient spends ~4 s warming up before it sends, whatever the message count.
  it.concurrent.each([
    ['UDP, channels', []],
    ['UDP, Send/Data indications', ['-s']],
    ['TCP, channels', ['-t']],
    ['TCP, Send/Data indications', ['-t', '-s']],
  ])('turnutils_uclient relays through us with no loss (%s)', async (name, extra) => {
    // One user per case: uclient leaves its UDP allocations to expire, and they count.
    const { output } = await uclient(`relay-${name.replace(/\W+/g, '-')}`, extra);
    const summary = uclientSummary(output);
    expect(summary, output).toEqual({ sent: 40, received: 40, lost: 0 });
  });

  it.each(['10.0.0.1', '192.168.1.1', '172.16.0.1', '100.64.0.1', '169.254.169.254'])(
    'a relay to %s is refused with 403',
    async (ip) => {
      const { code, output } = await runTool('turnutils_uclient', [
        ...['-c', '-n', '2', '-p', port, '-e', ip, '-u', `deny-${ip}`, '-W', SECRET],
        '127.0.0.1',
      ]);
      expect(code).not.toBe(0);
      expect(output).toContain('403 (Forbidden)');
    },
  );

  it('wrong-HMAC credentials are refused', async () => {
    const { code, output } = await uclient('wrong-user', [], 'not-the-secret');
    expect(code).not.toBe(0);
    expect(output).toContain('Cannot complete Allocation');
    expect(uclientSummary(output).received).toBeLessThan(1);
  });

  it('expired credentials are refused', async () => {
    const past = issueTurnCredentials(SECRET, 'old-user', 1, Date.now() - 3_600_000);
    const { code, output } = await runTool('turnutils_uclient', [
      ...['-c', '-n', '2', '-p', port, '-e', '127.0.0.1', '-r', String(peer.port)],
      ...['-u', past.username, '-w', past.credential],
      '127.0.0.1',
    ]);
    expect(code).not.toBe(0);
    expect(output).toContain('Cannot complete Allocation');
  });

  it('the per-client allocation quota holds (486)', async () => {
    // Six clients under one client ID; the quota is three.
    const { code, output } = await uclient('quota-user', ['-m', '6']);
    expect(code).not.toBe(0);
    expect(output).toContain('486 (Allocation Quota Reached)');
  });
});
