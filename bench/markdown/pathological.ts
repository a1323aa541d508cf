/**
 * Markdown on hostile input: the message parser on 16,000-character pathological texts
 * (the cases that make backtracking parsers go quadratic) against a 1,600-character cut
 * of the same text, in one run. A linear parser prints a ratio near 10; a quadratic one
 * near 100. The test suite checks the same inputs parse to a bounded tree; the timing
 * lives here, where a noisy machine cannot fail a test.
 *
 *   node bench/markdown/pathological.ts [--reps 5]
 */
import { parseArgs } from 'node:util';
import { MessageMarkdown } from '../../apps/web/src/features/messages/markdown/message-markdown.ts';
import { PATHOLOGICAL_MARKDOWN } from '../../apps/web/src/features/messages/markdown/pathological-inputs.ts';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const reps = Number(values.reps);

/** Fastest of `reps` parses, in ms (a fresh parser each time: no cache). */
function fastest(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const parser = new MessageMarkdown();
    const started = performance.now();
    parser.parse(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

console.log('input (16,000 chars)      full ms   1/10 ms   ratio (linear ≈ 10)');
let worst = 0;
for (const input of PATHOLOGICAL_MARKDOWN) {
  const full = fastest(input);
  const tenth = fastest(input.slice(0, input.length / 10));
  const ratio = full / Math.max(tenth, 0.01);
  worst = Math.max(worst, ratio);
  const name = JSON.stringify(input.slice(0, 12)).padEnd(24);
  console.log(
    `${name}  ${full.toFixed(2).padStart(8)}  ${tenth.toFixed(2).padStart(8)}  ${ratio.toFixed(1).padStart(8)}`,
  );
}
console.log(`worst ratio: ${worst.toFixed(1)}`);
