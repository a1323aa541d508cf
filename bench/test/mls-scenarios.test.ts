import { describe, expect, it } from 'vitest';
import { benchPayloads } from '../mls/bench-payloads.ts';
import { median } from '../mls/bench-timing.ts';
import { buildGroup } from '../mls/mls-group-fixture.ts';
import { mlsOptionsFrom } from '../mls/mls-options.ts';
import { measureAdd, measureMessages, runMlsScenarios } from '../mls/mls-scenarios.ts';
import { runMlsInChromium } from '../mls/run-chromium.ts';

const read = (b: Uint8Array) => new TextDecoder().decode(b);

describe('MLS bench scenarios', () => {
  it('adds a member to a group of 1; the other member decrypts the 10 texts the creator sent', async () => {
    const fixture = await buildGroup(1, 'bench-test');
    expect(fixture.member).toBeUndefined();
    const { timings, sender, receiver } = await measureAdd(fixture, 1);
    expect(Number.isNaN(timings.processMs)).toBe(true);
    expect(timings.welcomeBytes).toBeGreaterThan(0);
    const payloads = benchPayloads(10, 64);
    const got = await measureMessages(sender, receiver, payloads, 1);
    expect(got.received.map(read)).toEqual(payloads.map(read));
    expect(read(got.received[9]!)).toMatch(/^message 10 of 10 /);
    expect(got.ciphertextBytes).toBeGreaterThan(64);
  });

  it('with a group of 2, the existing member processes the Add commit', async () => {
    const fixture = await buildGroup(2, 'bench-test');
    const { timings, sender, receiver } = await measureAdd(fixture, 2);
    expect(timings.processMs).toBeGreaterThan(0);
    // Three repetitions from the same two states: each must start from intact keys.
    const payloads = benchPayloads(3, 16);
    const got = await measureMessages(sender, receiver, payloads, 3);
    expect(got.received.map(read)).toEqual(payloads.map(read));
  });

  it('runs the whole bench for N=2 and 10 messages, with the AEAD baseline', async () => {
    const result = await runMlsScenarios(
      { sizes: [2], messages: 10, payloadBytes: 32, reps: 1, path: 'pure-js' },
      'test',
    );
    expect(result.path).toBe('pure-js');
    const save = result.sizes[0]!.save;
    expect(save.coreBytes).toBeGreaterThan(0);
    expect(save.coreBytes).toBeLessThan(save.wholeBytes);
    expect(result.sizes.map((s) => s.members)).toEqual([2]);
    expect(result.sizes[0]!.messages.encryptMs).toBeGreaterThan(0);
    expect(result.aead.ciphertextBytes).toBe(32 + 16 + 12);
    expect(result.createRoomMs).toBeGreaterThan(0);
  });

  it("runs the same bundle in Debian's Chromium (/usr/bin/chromium)", {
    timeout: 60_000,
  }, async () => {
    const results = await runMlsInChromium({
      sizes: [2],
      messages: 10,
      payloadBytes: 32,
      reps: 1,
      paths: ['web-crypto', 'pure-js'],
    });
    expect(results.map((r) => r.path)).toEqual(['web-crypto', 'pure-js']);
    for (const result of results) {
      expect(result.platform).toMatch(/^Chromium \d+/);
      expect(result.sizes[0]!.messages.decryptMs).toBeGreaterThan(0);
    }
  });

  it('takes medians and refuses flags it cannot run with', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mlsOptionsFrom({ sizes: '2, 20', reps: '1' })).toEqual({
      sizes: [2, 20],
      messages: 1000,
      payloadBytes: 100,
      reps: 1,
      paths: ['web-crypto', 'pure-js'],
    });
    expect(mlsOptionsFrom({ paths: 'pure-js' }).paths).toEqual(['pure-js']);
    expect(() => mlsOptionsFrom({ paths: 'wasm' })).toThrow(/--paths/);
    expect(() => mlsOptionsFrom({ sizes: '1' })).toThrow(/--sizes/);
    expect(() => mlsOptionsFrom({ messages: 'lots' })).toThrow(/--messages/);
  });
});
