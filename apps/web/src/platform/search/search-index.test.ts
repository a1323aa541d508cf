import { describe, expect, it } from 'vitest';
import { inlineSearch } from './search-client.ts';
import { type SearchDoc, SearchIndex } from './search-index.ts';
import type { SearchStore } from './search-state.ts';

function doc(room: string, n: number, text: string, name = 'Alice'): SearchDoc {
  return { id: `${room}\nc:${n}`, room, key: `c:${n}`, seq: n, from: 'c', name, text, ts: n };
}

describe('SearchIndex', () => {
  it('finds words by prefix, without case or accents, all words required', () => {
    const index = new SearchIndex();
    index.add([doc('r', 1, 'Meet at the Café at noon'), doc('r', 2, 'cafeteria is closed')]);
    expect(index.search({ text: 'cafe' }).map((h) => h.seq)).toEqual(
      expect.arrayContaining([1, 2]),
    );
    expect(index.search({ text: 'café noon' }).map((h) => h.seq)).toEqual([1]);
    expect(index.search({ text: 'NOO' }).map((h) => h.seq)).toEqual([1]);
    expect(index.search({ text: 'tea party' })).toEqual([]);
  });

  it('keeps to one room when asked, and across rooms otherwise', () => {
    const index = new SearchIndex();
    index.add([doc('a', 1, 'picnic on sunday'), doc('b', 1, 'picnic basket')]);
    expect(index.search({ text: 'picnic', room: 'a' }).map((h) => h.room)).toEqual(['a']);
    expect(
      index
        .search({ text: 'picnic' })
        .map((h) => h.room)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('replaces an edited message and forgets deleted ones and removed rooms', () => {
    const index = new SearchIndex();
    index.add([doc('a', 1, 'old words'), doc('a', 2, 'other'), doc('b', 3, 'other')]);
    index.add([doc('a', 1, 'new words')]);
    expect(index.search({ text: 'old' })).toEqual([]);
    expect(index.search({ text: 'new' })[0]?.text).toBe('new words');
    index.remove(['a\nc:1', 'unknown']);
    expect(index.search({ text: 'words' })).toEqual([]);
    index.removeRoom('a');
    expect(index.search({ text: 'other' }).map((h) => h.room)).toEqual(['b']);
  });

  it('applies the newest edit and keeps deleted messages out, in either order', () => {
    const index = new SearchIndex();
    // History arrives newest first: the edit (seq 5) before its original (seq 1).
    index.edit('a\nc:1', 'rescheduled to monday', 5);
    index.add([doc('a', 1, 'picnic on sunday')]);
    expect(index.search({ text: 'sunday' })).toEqual([]);
    expect(index.search({ text: 'monday' })[0]?.seq).toBe(1);
    index.edit('a\nc:1', 'an older edit', 3);
    expect(index.search({ text: 'monday' })).toHaveLength(1);
    index.edit('a\nc:1', 'moved to tuesday', 9);
    expect(index.search({ text: 'tuesday' })).toHaveLength(1);
    expect(index.search({ text: 'monday' })).toEqual([]);
    // A delete before its original arrives keeps it out, also after a save.
    index.remove(['a\nc:2']);
    const again = SearchIndex.fromJSON(index.toJSON());
    again.add([doc('a', 2, 'secret plan')]);
    expect(again.search({ text: 'secret' })).toEqual([]);
    expect(again.search({ text: 'tuesday' })).toHaveLength(1);
  });

  it('survives a round trip through JSON, and a damaged save starts empty', () => {
    const index = new SearchIndex();
    index.add([doc('a', 1, 'remember this')]);
    expect(SearchIndex.fromJSON(index.toJSON()).search({ text: 'remember' })).toHaveLength(1);
    expect(SearchIndex.fromJSON('{"not":"an index"').size).toBe(0);
  });

  it('takes hostile queries as text', () => {
    const index = new SearchIndex();
    index.add([doc('a', 1, 'x')]);
    for (const q of ['', '   ', '*', '"', '\\', '__proto__', 'a'.repeat(100_000), '(((']) {
      expect(() => index.search({ text: q })).not.toThrow();
    }
  });
});

describe('SearchState through the client', () => {
  it('keeps index and marks in its store', async () => {
    let saved: { index: string; marks: Record<string, number> } | undefined;
    const store: SearchStore = {
      load: async () => saved,
      save: async (s) => {
        saved = s;
      },
    };
    const first = inlineSearch(store);
    await first.add([doc('a', 1, 'kept across visits')]);
    await first.setMark('a', 7);
    await first.flush();
    const second = inlineSearch(store);
    expect((await second.search({ text: 'visits' })).map((h) => h.seq)).toEqual([1]);
    expect(await second.marks()).toEqual({ a: 7 });
  });
});
