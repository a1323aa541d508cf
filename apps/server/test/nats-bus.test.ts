import { describe, expect, it } from 'vitest';
import { busContract } from '../src/bus/bus.contract.ts';
import { NatsBus } from '../src/bus/nats/nats-bus.ts';

const NATS_URL = process.env.YAM_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** NATS is optional: required only where CI names one on purpose. */
async function skipReason(): Promise<string | undefined> {
  if (process.env.CI === 'true' && process.env.YAM_TEST_NATS_URL) return undefined;
  try {
    await (await NatsBus.connect(NATS_URL, { connectTimeoutMs: 1_000 })).close();
    return undefined;
  } catch (error) {
    const reason = `${error instanceof Error ? error.message : String(error)} (set YAM_TEST_NATS_URL)`;
    console.warn(`skipping the NatsBus tests: ${reason}`);
    return reason;
  }
}

const skip = await skipReason();

describe.skipIf(skip !== undefined)('NatsBus', () => {
  // The namespace is the subject prefix; NATS splits subjects at '.', so none in it.
  busContract('NatsBus', (namespace) =>
    NatsBus.connect(NATS_URL, { prefix: namespace.replaceAll(':', '_').replaceAll('.', '_') }),
  );

  it('carries topics whose room IDs hold dots (NATS subject separators)', async () => {
    const bus = await NatsBus.connect(NATS_URL, { prefix: `t${Date.now()}_` });
    try {
      const got: string[] = [];
      bus.subscribe('room:a..b.', (m) => got.push(String(m)));
      bus.subscribe('room:a', (m) => got.push(`wrong ${String(m)}`));
      await bus.ready();
      await bus.publish('room:a..b.', 'dotted');
      await bus.ready();
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual(['dotted']);
    } finally {
      await bus.close();
    }
  });

  it('refuses to start with a one-line reason when NATS is unreachable', async () => {
    const error = await NatsBus.connect('nats://127.0.0.1:1', { connectTimeoutMs: 1_000 }).then(
      () => new Error('connected'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^cannot reach NATS at nats:\/\/127\.0\.0\.1:1/);
  });
});
