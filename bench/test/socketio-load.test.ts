import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../load.ts';
import { startSocketIoServer } from '../socketio-server.ts';

describe('runLoad against the Socket.IO server (Engine.IO over the bench client)', () => {
  let server: Awaited<ReturnType<typeof startSocketIoServer>>;
  beforeAll(async () => {
    server = await startSocketIoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('delivers every published message to every subscriber of its room and acks each', async () => {
    const result = await runLoad({
      url: server.url,
      serverPid: process.pid,
      clients: 12,
      rooms: 3,
      publishers: 3,
      rate: 60,
      seconds: 1,
      size: 64,
      workers: 1,
      concurrency: 4,
    });
    expect(result.connected).toBe(12);
    expect(result.sent).toBe(60);
    expect(result.expected).toBe(240);
    expect(result.delivered).toBe(240);
    expect(result.ackLatency.size).toBe(60);
    expect(result.errors).toEqual({});
  });
});
