import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';

type Events = { a: number; b: string };

describe('Emitter', () => {
  it('calls listeners in order with the value, and the returned function removes one', () => {
    const e = new Emitter<Events>();
    const seen: string[] = [];
    const off = e.on('a', (n) => seen.push(`1:${n}`));
    e.on('a', (n) => seen.push(`2:${n}`));
    e.on('b', (s) => seen.push(`b:${s}`));
    e.emit('a', 1);
    off();
    e.emit('a', 2);
    expect(seen).toEqual(['1:1', '2:1', '2:2']);
    expect(e.listenerCount('a')).toBe(1);
  });

  it('a throwing listener does not stop the others and is reported', () => {
    const errors: unknown[] = [];
    const e = new Emitter<Events>((error) => errors.push(error));
    const seen: number[] = [];
    e.on('a', () => {
      throw new Error('boom');
    });
    e.on('a', (n) => seen.push(n));
    e.emit('a', 7);
    expect(seen).toEqual([7]);
    expect((errors[0] as Error).message).toBe('boom');
  });

  it('a listener removing itself during emit does not skip the next one', () => {
    const e = new Emitter<Events>();
    const seen: string[] = [];
    const off = e.on('b', () => {
      seen.push('first');
      off();
    });
    e.on('b', () => seen.push('second'));
    e.emit('b', 'x');
    e.emit('b', 'y');
    expect(seen).toEqual(['first', 'second', 'second']);
  });
});
