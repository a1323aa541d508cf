import { ClientMessage } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { HandlerRegistry } from '../src/relay/handler-registry.ts';

type FakePeer = { name: string };

describe('HandlerRegistry', () => {
  it('lists every request type of the protocol but auth as missing until handled', () => {
    const registry = new HandlerRegistry<FakePeer>();
    const all = ClientMessage.def.options
      .map((o) => o.shape.t.def.values[0]!)
      .filter((t) => t !== 'auth');
    expect(registry.missing()).toEqual(all);
    registry.on('pub', () => {});
    expect(registry.missing()).toEqual(all.filter((t) => t !== 'pub'));
  });

  it('refuses a second handler for one frame type', () => {
    const registry = new HandlerRegistry<FakePeer>();
    registry.on('signal', () => {});
    expect(() => registry.on('signal', () => {})).toThrow(/'signal'/);
  });

  it('routes a request to the handler of its type', async () => {
    const registry = new HandlerRegistry<FakePeer>();
    const seen: string[] = [];
    registry.on('typing', (peer, req) => {
      seen.push(`${peer.name} typing ${req.active}`);
    });
    const request = { t: 'typing', room: 'r', active: true } as const;
    await registry.handlerOf(request as never)?.({ name: 'a' }, request as never);
    expect(seen).toEqual(['a typing true']);
    expect(registry.handlerOf({ t: 'ice', rid: 1 })).toBeUndefined();
  });

  it('runs every close hook even when one throws, and subscribed hooks in order', async () => {
    const registry = new HandlerRegistry<FakePeer>();
    const order: string[] = [];
    registry.addHook('close', () => {
      throw new Error('first');
    });
    registry.addHook('close', (peer) => order.push(`closed ${peer.name}`));
    registry.addHook('subscribed', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('one');
    });
    registry.addHook('subscribed', () => {
      order.push('two');
    });
    const errors: unknown[] = [];
    registry.close({ name: 'a' }, (error) => errors.push(error));
    await registry.subscribed({ name: 'a' }, 'r' as never);
    expect(order).toEqual(['closed a', 'one', 'two']);
    expect(errors).toHaveLength(1);
  });
});
