import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from './bus.ts';

/** Waits until `check` passes; buses may deliver asynchronously. */
async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/**
 * The behaviour every Bus must have; run it once per implementation. `makeBus` gets a
 * namespace fresh for each test; two buses made with the same one are two processes
 * sharing the backend (for an in-process bus, return the same instance).
 */
export function busContract(
  name: string,
  makeBus: (namespace: string) => Promise<Bus> | Bus,
): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    let namespace: string;
    const others: Bus[] = [];
    beforeEach(async () => {
      namespace = `test:${process.pid}:${Math.random().toString(36).slice(2)}:`;
      bus = await makeBus(namespace);
    });
    afterEach(async () => {
      await Promise.all([...others.splice(0), bus].map((b) => b.close()));
    });
    const another = async () => {
      const other = await makeBus(namespace);
      if (other !== bus) others.push(other);
      return other;
    };

    it('[BUS1] delivers to every subscriber of a topic and to no other topic', async () => {
      const a: BusMessage[] = [];
      const b: BusMessage[] = [];
      const other: BusMessage[] = [];
      bus.subscribe('room:a', (m) => a.push(m));
      bus.subscribe('room:a', (m) => b.push(m));
      bus.subscribe('room:b', (m) => other.push(m));
      await bus.publish('room:a', 'hello');
      await eventually(() => {
        expect(a).toEqual(['hello']);
        expect(b).toEqual(['hello']);
      });
      await bus.publish('room:b', 'marker');
      await eventually(() => expect(other).toEqual(['marker']));
      expect(a).toEqual(['hello']);
    });

    it('[BUS2] unsubscribe stops delivery to that handler only', async () => {
      const a: BusMessage[] = [];
      const b: BusMessage[] = [];
      const stopA = bus.subscribe('t', (m) => a.push(m));
      bus.subscribe('t', (m) => b.push(m));
      await bus.publish('t', '1');
      await eventually(() => expect(a).toEqual(['1']));
      stopA();
      await bus.publish('t', '2');
      await eventually(() => expect(b).toEqual(['1', '2']));
      expect(a).toEqual(['1']);
    });

    it('[BUS3] preserves publish order per topic', async () => {
      const got: BusMessage[] = [];
      bus.subscribe('t', (m) => got.push(m));
      const sent = Array.from({ length: 200 }, (_, i) => `m${i}`);
      for (const m of sent) void bus.publish('t', m);
      await eventually(() => expect(got).toEqual(sent));
    });

    it('[BUS4] carries binary messages unchanged', async () => {
      const got: BusMessage[] = [];
      bus.subscribe('t', (m) => got.push(m));
      await bus.publish('t', new Uint8Array([0, 1, 255]));
      await eventually(() => expect(got).toHaveLength(1));
      expect([...(got[0] as Uint8Array)]).toEqual([0, 1, 255]);
    });

    it('[BUS5] once ready() resolves, what another process publishes arrives', async () => {
      const other = await another();
      const got: BusMessage[] = [];
      bus.subscribe('shared', (m) => got.push(m));
      await bus.ready();
      await other.publish('shared', 'from afar');
      await eventually(() => expect(got).toEqual(['from afar']));
    });

    it("[BUS6] keeps one publisher's order as another process receives it", async () => {
      const other = await another();
      const got: BusMessage[] = [];
      other.subscribe('t', (m) => got.push(m));
      await other.ready();
      const sent = Array.from({ length: 100 }, (_, i) => (i % 2 ? `m${i}` : new Uint8Array([i])));
      await Promise.all(sent.map((m) => bus.publish('t', m)));
      await eventually(() => expect(got).toHaveLength(100));
      expect(got.map(String)).toEqual(sent.map(String));
    });

    it('[BUS7] a throwing handler does not stop delivery to the others', async () => {
      const got: BusMessage[] = [];
      bus.subscribe('t', () => {
        throw new Error('broken');
      });
      bus.subscribe('t', (m) => got.push(m));
      await bus.publish('t', 'still');
      await eventually(() => expect(got).toEqual(['still']));
    });
  });
}
