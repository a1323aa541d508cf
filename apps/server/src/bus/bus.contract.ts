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

/** The behaviour every Bus must have; run it once per implementation. */
export function busContract(name: string, makeBus: () => Promise<Bus> | Bus): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    beforeEach(async () => {
      bus = await makeBus();
    });
    afterEach(async () => {
      await bus.close();
    });

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
  });
}
