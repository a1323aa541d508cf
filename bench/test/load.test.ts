import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareServer } from '../bare-ws-server.ts';
import { runLoad } from '../load.ts';

describe('runLoad against the bare server', () => {
  let server: Awaited<ReturnType<typeof startBareServer>>;
  beforeAll(async () => {
    server = await startBareServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('delivers every published message to every subscriber of its room and measures it', async () => {
    const result = await runLoad({
      url: server.url,
      serverPid: process.pid,
      clients: 12,
      rooms: 3,
      publishers: 3,
      rate: 60,
      seconds: 1,
      size: 64,
      workers: 2,
      concurrency: 4,
    });
    expect(result.connected).toBe(12);
    expect(result.sent).toBe(60);
    // 4 subscribers per room, the sender included.
    expect(result.expected).toBe(240);
    expect(result.delivered).toBe(240);
    expect(result.latency.size).toBe(240);
    expect(result.ackLatency.size).toBe(60);
    expect(result.latency.percentileMs(0.99)).toBeGreaterThan(0);
    expect(result.rssConnected).toBeGreaterThan(0);
  });

  it('refuses any target but 127.0.0.1', async () => {
    const options = {
      clients: 1,
      rooms: 0,
      publishers: 0,
      rate: 0,
      seconds: 0,
      size: 8,
      workers: 1,
      concurrency: 1,
    };
    await expect(runLoad({ ...options, url: 'ws://localhost:1/ws' })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
  });
});
