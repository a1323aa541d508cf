import { describe, expect, it } from 'vitest';
import { ReadMarkLog } from './read-mark-log.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('ReadMarkLog', () => {
  it('keeps each member’s latest mark per room across a new page (same storage)', () => {
    const storage = memoryStorage();
    const log = new ReadMarkLog('https://a.example', storage);
    log.record('tea', 'bob', 'c1');
    log.record('tea', 'bob', 'c2');
    log.record('tea', 'carol', 'c1');
    log.record('coffee', 'bob', 'c9');
    const again = new ReadMarkLog('https://a.example', storage);
    expect(Object.fromEntries(again.marks('tea'))).toEqual({ bob: 'c2', carol: 'c1' });
    expect(Object.fromEntries(again.marks('coffee'))).toEqual({ bob: 'c9' });
    // Another server's rooms are its own.
    expect(new ReadMarkLog('https://b.example', storage).marks('tea').size).toBe(0);
  });

  it('ignores what it cannot read: a broken entry starts empty', () => {
    const storage = memoryStorage();
    storage.setItem('yam.readMarks.https://a.example', '{"tea":{"bob":7},"x":null');
    expect(new ReadMarkLog('https://a.example', storage).marks('tea').size).toBe(0);
    storage.setItem('yam.readMarks.https://a.example', '{"tea":{"bob":7,"carol":"c3"}}');
    expect(Object.fromEntries(new ReadMarkLog('https://a.example', storage).marks('tea'))).toEqual({
      carol: 'c3',
    });
  });
});
