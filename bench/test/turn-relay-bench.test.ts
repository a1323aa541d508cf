import { describe, expect, it } from 'vitest';
import { formatRelayResults, runRelayBench } from '../turn/turn-relay-bench.ts';

describe('TURN relay bench', () => {
  it('relays ChannelData through our TURN server to a UDP peer and reports the rate', async () => {
    const results = await runRelayBench({
      servers: ['ours'],
      sizes: [120],
      paths: ['peer'],
      seconds: 1,
      warmupMs: 100,
      reps: 1,
      window: 8,
    });
    expect(results).toHaveLength(1);
    const [ours] = results;
    expect(ours?.server).toBe('ours');
    expect(ours?.delivered).toBeGreaterThan(0);
    expect(ours?.packetsPerSec).toBeGreaterThan(0);
    // The server did the relaying: its process used CPU for it.
    expect(ours?.cpuUsPerPacket).toBeGreaterThan(0);
    expect(ours?.mbitPerSec).toBeCloseTo(((ours?.packetsPerSec ?? 0) * 120 * 8) / 1e6);
    expect(formatRelayResults(results)).toMatch(/relay +120 B +ours +\d+ pkt\/s/);
  });

  it('relays from one allocation to another on the same server (the data-channel path)', async () => {
    const [ours] = await runRelayBench({
      servers: ['ours'],
      sizes: [1200],
      paths: ['relay'],
      seconds: 1,
      warmupMs: 100,
      reps: 1,
      window: 8,
    });
    expect(ours?.path).toBe('relay');
    expect(ours?.delivered).toBeGreaterThan(0);
    expect(ours?.cpuUsPerPacket).toBeGreaterThan(0);
    expect(formatRelayResults([ours!])).toMatch(/relay2 +1200 B +ours +\d+ pkt\/s/);
  });
});
