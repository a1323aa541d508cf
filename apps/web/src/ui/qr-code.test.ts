import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-path.ts';

describe('qrPath', () => {
  it('draws a version that fits the text, with a 4-module quiet zone', () => {
    const short = qrPath('https://x.example/?room=a');
    // 25 bytes at level M need version 2: 25 modules, plus 4 on each side.
    expect(short.size).toBe(25 + 8);
    const long = qrPath(`https://x.example/?room=${'a'.repeat(22)}&name=${'b'.repeat(60)}`);
    expect(long.size).toBeGreaterThan(short.size);
  });

  it('starts with the top-left finder pattern: a 7-module dark row at the quiet zone', () => {
    const { d } = qrPath('https://x.example/?room=a');
    expect(d.startsWith('M4 4h7v1h-7z')).toBe(true);
    // The finder's second row: dark, light gap of five, dark.
    expect(d).toContain('M4 5h1v1h-1zM10 5h1v1h-1z');
  });

  it('is deterministic and differs for different text', () => {
    expect(qrPath('https://x.example/?room=a').d).toBe(qrPath('https://x.example/?room=a').d);
    expect(qrPath('https://x.example/?room=a').d).not.toBe(qrPath('https://x.example/?room=b').d);
  });
});
