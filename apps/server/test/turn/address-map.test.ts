import { describe, expect, it } from 'vitest';
import { AddressMap } from '../../src/turn/address-map.ts';

describe('AddressMap', () => {
  it('keys by IP and port together: same port on another IP, or another port, is another entry', () => {
    const map = new AddressMap<string>();
    map.set('127.0.0.1', 5000, 'a');
    map.set('127.0.0.2', 5000, 'b');
    map.set('127.0.0.1', 5001, 'c');
    map.set('127.0.0.1', 5000, 'a2');
    expect(map.size).toBe(3);
    expect(map.get('127.0.0.1', 5000)).toBe('a2');
    expect(map.get('127.0.0.2', 5000)).toBe('b');
    expect(map.get('127.0.0.1', 5001)).toBe('c');
    expect(map.get('127.0.0.2', 5001)).toBeUndefined();
  });

  it('deletes one entry and forgets an emptied port', () => {
    const map = new AddressMap<number>();
    map.set('::1', 9, 1);
    map.set('10.0.0.1', 9, 2);
    expect(map.delete('::1', 9)).toBe(true);
    expect(map.delete('::1', 9)).toBe(false);
    expect(map.get('10.0.0.1', 9)).toBe(2);
    expect(map.delete('10.0.0.1', 9)).toBe(true);
    expect(map.size).toBe(0);
    expect(map.get('10.0.0.1', 9)).toBeUndefined();
  });
});
