/**
 * Message search: index 10,000 messages (the size issue 11 names), query them, save and
 * load the index, against the baseline a client without an index would use: a linear,
 * case-folded substring scan over the same messages. Run: ./yam bench --search [--messages N]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  foldTerm,
  type SearchDoc,
  SearchIndex,
} from '../../apps/web/src/platform/search/search-index.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '10000' } } });
const count = Number(values.messages);

const TOPICS = (
  'picnic sunday blanket meeting tomorrow budget spreadsheet coffee lunch train ticket ' +
  'birthday present holiday beach concert music review deadline project garden bicycle'
).split(' ');

/**
 * Deterministic messages of 4–30 words whose word frequencies follow Zipf's law over a
 * 20,000-word vocabulary (as chat text does), with the topic words in the mid range.
 */
function messages(n: number): SearchDoc[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => TOPICS[i - 200] ?? `w${i}x`);
  // Zipf: rank r drawn with probability ~ 1/r, by inverting the harmonic CDF approximately.
  const word = () =>
    vocabulary[
      Math.min(vocabulary.length - 1, Math.floor(Math.exp(rnd() * Math.log(vocabulary.length))) - 1)
    ]!;
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 4 + Math.floor(rnd() * 27) }, word);
    const room = `room-${i % 10}`;
    return {
      id: `${room}\nc:${i}`,
      room,
      key: `c:${i}`,
      seq: i,
      from: 'c',
      name: 'Alice',
      text: words.join(' '),
      ts: i,
    };
  });
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, performance.now() - start];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const docs = messages(count);
const queries = ['picnic', 'budget spread', 'w1234x', 'concert review', 'bicy', 'w5x'];

const [index, indexMs] = time(() => {
  const ix = new SearchIndex();
  ix.add(docs);
  return ix;
});
const [json, saveMs] = time(() => index.toJSON());
const [, loadMs] = time(() => SearchIndex.fromJSON(json));

const indexed: number[] = [];
const scanned: number[] = [];
for (let round = 0; round < 15; round++) {
  for (const q of queries) {
    indexed.push(time(() => index.search({ text: q, limit: 50 }))[1]);
    const words = q.split(' ').map(foldTerm);
    scanned.push(
      time(() =>
        docs.filter((d) => {
          const t = foldTerm(d.text);
          return words.every((w) => t.includes(w));
        }),
      )[1],
    );
  }
}
const q = median(indexed);
const scan = median(scanned);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
console.log(`search bench: ${count} messages, ${queries.length} queries × 15`);
console.log(
  `  build index          ${fmt(indexMs)} (${((indexMs * 1000) / count).toFixed(1)} µs/message)`,
);
console.log(`  save (JSON)          ${fmt(saveMs)}, ${(json.length / 1024).toFixed(0)} KiB`);
console.log(`  load                 ${fmt(loadMs)}`);
console.log(
  `  query, median        ${fmt(q)}   (linear scan baseline ${fmt(scan)}; ratio ${(scan / q).toFixed(1)}× faster)`,
);
console.log(
  `  query, slowest       ${fmt(Math.max(...indexed))}   (scan ${fmt(Math.max(...scanned))})`,
);
