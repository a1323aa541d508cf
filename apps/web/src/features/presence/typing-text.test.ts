import { describe, expect, it } from 'vitest';
import { typingText } from './typing-text.ts';

describe('typing indicator text', () => {
  it('names one or two typists and summarises more', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Ana'])).toBe('Ana is typing...');
    expect(typingText(['Ana', 'Bo'])).toBe('Ana and Bo are typing...');
    expect(typingText(['Ana', 'Bo', 'Cy'])).toBe('Several people are typing...');
  });
});
