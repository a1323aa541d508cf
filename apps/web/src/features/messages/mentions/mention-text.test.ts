import { describe, expect, it } from 'vitest';
import { matchMembers, mentionQuery, mentionsIn, splitMentions } from './mention-text.ts';

const ann = { id: 'A', name: 'Ann' };
const annLee = { id: 'L', name: 'Ann Lee' };
const bob = { id: 'B', name: 'Bob' };

describe('mentions', () => {
  it('highlights the @Name of mentioned members only, longest name first', () => {
    expect(splitMentions('hi @Ann Lee and @Bob', [ann, annLee])).toEqual([
      { text: 'hi ' },
      { text: '@Ann Lee', id: 'L' },
      { text: ' and @Bob' },
    ]);
    expect(splitMentions('@Ann, see', [ann])).toEqual([
      { text: '@Ann', id: 'A' },
      { text: ', see' },
    ]);
  });

  it('needs a word boundary on both sides', () => {
    expect(splitMentions('mail@Ann.org @Annie', [ann])).toEqual([{ text: 'mail@Ann.org @Annie' }]);
  });

  it('keeps only the picked members whose @Name is still in the text', () => {
    expect(mentionsIn('hey @Bob', [ann, bob])).toEqual(['B']);
    expect(mentionsIn('no one', [ann])).toEqual([]);
  });

  it('finds the @query before the cursor', () => {
    expect(mentionQuery('hi @An', 6)).toEqual({ start: 3, query: 'An' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('a@b', 3)).toBeUndefined();
    expect(mentionQuery('hi @Ann\nx', 9)).toBeUndefined();
    expect(mentionQuery('hi there', 8)).toBeUndefined();
  });

  it('matches members by name prefix or word prefix, prefix first', () => {
    const members = [bob, annLee, ann, { id: 'J', name: 'Jo Lee' }];
    expect(matchMembers(members, 'an').map((m) => m.id)).toEqual(['A', 'L']);
    expect(matchMembers(members, 'lee').map((m) => m.id)).toEqual(['L', 'J']);
    expect(matchMembers(members, '').length).toBe(4);
    expect(matchMembers(members, 'zz')).toEqual([]);
  });
});
