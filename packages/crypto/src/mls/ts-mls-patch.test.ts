import { enumNumberToKey, reverseMap } from 'ts-mls/util/enumHelpers.js';
import { describe, expect, it } from 'vitest';

/**
 * patches/ts-mls+1.6.4.patch (applied by `patch-package` on install) memoises ts-mls's enum
 * tables: unpatched, every decoded enum value rebuilt its table, a third of a joiner's CPU
 * at 200 members. If this fails, `npm install` did not run the root postinstall script.
 */
describe('the ts-mls patch', () => {
  it('builds each enum table once and decodes exactly as before', () => {
    const colours = { red: 1, green: 2 } as const;
    expect(reverseMap(colours)).toBe(reverseMap(colours));
    expect(reverseMap(colours)).toEqual({ 1: 'red', 2: 'green' });
    const decode = enumNumberToKey(colours);
    expect(decode(1)).toBe('red');
    expect(decode(2)).toBe('green');
    expect(decode(3)).toBeUndefined();
  });
});
