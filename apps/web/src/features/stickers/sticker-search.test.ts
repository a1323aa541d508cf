import type { Sticker } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { recentStickers, searchStickers } from './sticker-search.ts';

let n = 0;
function sticker(name: string, keywords: string[] = []): Sticker {
  const hash = String(n++).padStart(43, 'A');
  return {
    id: `c/${name}`,
    name,
    file: `c/${name}.png`,
    hash,
    type: 'image/png',
    bytes: 10,
    width: 64,
    height: 64,
    animated: false,
    preview: `c/${name}.preview.webp`,
    previewHash: hash,
    keywords,
  };
}

describe('searchStickers', () => {
  const popper = sticker('party popper', ['celebrate']);
  const face = sticker('party-face', ['fête']);
  const cat = sticker('cat', ['kitten', 'pet']);
  const all = [cat, face, popper];

  it('matches every word by its start, in name or keywords', () => {
    expect(searchStickers(all, 'par pop')).toEqual([popper]);
    expect(searchStickers(all, 'kit')).toEqual([cat]);
    expect(searchStickers(all, 'cat dog')).toEqual([]);
  });

  it('lists name matches before keyword matches', () => {
    const pet = sticker('pet rock');
    expect(searchStickers([cat, pet], 'pet')).toEqual([pet, cat]);
  });

  it('ignores case and accents, and splits names on dashes', () => {
    expect(searchStickers(all, 'PARTY')).toEqual([face, popper]);
    expect(searchStickers(all, 'fete')).toEqual([face]);
    expect(searchStickers(all, 'face')).toEqual([face]);
  });

  it('finds nothing for an empty query (the picker shows categories then)', () => {
    expect(searchStickers(all, '   ')).toEqual([]);
  });

  it('searches 1,000 stickers', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => sticker(`sticker ${i}`, ['generated']));
    expect(searchStickers(many, 'sticker 99')).toHaveLength(11);
  });
});

describe('recentStickers', () => {
  it('keeps the order of the recent list and drops stickers the library no longer has', () => {
    const a = sticker('a');
    const b = sticker('b');
    const byHash = new Map([a, b].map((s) => [s.hash, s]));
    expect(recentStickers([b.hash, 'gone'.padEnd(43, 'x'), a.hash], byHash)).toEqual([b, a]);
  });
});
