import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from './helpers/claim-room.ts';
import { b64, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('logs', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
  });

  it('[P-MSG1] record ids, codes and counts but never payloads, frames or names', async () => {
    let text = '';
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    server = await startTestServer({ logLevel: 'trace', logStream });
    const secret = 'the very secret plaintext 4711';
    const a = await TestClient.authenticated(server.wsUrl);
    await claimRoom(a, 'room-1');
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await a.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64(secret) });
    a.send(`{"t":"pub","broken ${secret}`);
    await a.next((f) => f.t === 'error');
    await fetch(`${server.url}/?room=room-1&name=${encodeURIComponent(secret)}`, {
      redirect: 'manual',
    });
    await a.close();
    await server.close();

    expect(text).toContain(a.ready.clientId); // the capture works
    expect(text).toContain('"code":"BAD_FRAME"');
    for (const forbidden of [secret, b64(secret), 'very secret', 'broken']) {
      expect(text).not.toContain(forbidden);
    }
  });
});
