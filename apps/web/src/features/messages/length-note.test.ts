import { MAX_TEXT_LENGTH } from '@yam/client';
import { describe, expect, it } from 'vitest';
import { lengthNote } from './length-note.ts';

describe('the composer’s length note', () => {
  it('says nothing while a message fits easily', () => {
    expect(lengthNote(0)).toEqual({ kind: 'fits' });
    expect(lengthNote(MAX_TEXT_LENGTH - 1_001)).toEqual({ kind: 'fits' });
  });

  it('counts down near the limit', () => {
    expect(lengthNote(MAX_TEXT_LENGTH - 1_000)).toEqual({
      kind: 'near',
      text: '1,000 characters left',
    });
    expect(lengthNote(MAX_TEXT_LENGTH - 1)).toEqual({ kind: 'near', text: '1 character left' });
    expect(lengthNote(MAX_TEXT_LENGTH)).toEqual({ kind: 'near', text: '0 characters left' });
  });

  it('says how much a long paste is over, instead of cutting it', () => {
    expect(lengthNote(21_600)).toEqual({
      kind: 'over',
      text: `${(21_600 - MAX_TEXT_LENGTH).toLocaleString('en')} characters over the limit`,
    });
    expect(lengthNote(MAX_TEXT_LENGTH + 1)).toEqual({
      kind: 'over',
      text: '1 character over the limit',
    });
  });
});
