import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@yam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../load.ts';

describe('runLoad against the Yam server', () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'yam-bench-test-'));
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      logLevel: 'silent',
      limits: { connectionRatePerSec: 1e6, connectionBurst: 1e6, ipRatePerSec: 1e6, ipBurst: 1e6 },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('[P-ROOM2] authenticates for real and gets every message to every subscriber, sender included', async () => {
    const result = await runLoad({
      url: `${server.url.replace('http:', 'ws:')}/ws`,
      clients: 10,
      rooms: 2,
      publishers: 2,
      rate: 40,
      seconds: 1,
      size: 64,
      workers: 1,
      concurrency: 5,
    });
    expect(result.failures).toEqual([]);
    expect(result.connected).toBe(10);
    expect(result.errors).toEqual({});
    expect(result.sent).toBe(40);
    expect(result.expected).toBe(200);
    // Unique cmids: a repeated one would be deduplicated and never fanned out. [P-MSG4]
    expect(result.delivered).toBe(200);
    expect(result.ackLatency.size).toBe(40);
  });
});
