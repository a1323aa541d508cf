/**
 * What folding edits, deletes and threads costs the timeline on every update, for a room of
 * 10,000 loaded messages (plus 1,000 edits, 200 deletes, 2,000 reactions, 1,000 thread
 * replies). Baseline, same run: what the timeline did before (reactions only).
 *   node bench/message-fold.ts
 */
import { applyChanges } from '../apps/web/src/features/messages/changes/message-changes.ts';
import { tallyReactions } from '../apps/web/src/features/messages/reactions/reaction-tally.ts';
import { mainTimeline } from '../apps/web/src/features/messages/threads/thread-split.ts';
import type { TimelineItem } from '../apps/web/src/features/messages/timeline-item.ts';

const people = ['ann', 'bob', 'cat', 'dan', 'eve'];
const items: TimelineItem[] = [];
let seq = 0;
const base = (from: string, extra: Partial<TimelineItem> = {}): TimelineItem => {
  seq++;
  return {
    key: `${from}:c${seq}`,
    cmid: `c${seq}`,
    seq,
    from,
    own: false,
    name: from,
    text: `message ${seq}`,
    ts: seq,
    status: 'received',
    ...extra,
  };
};
for (let i = 0; i < 10_000; i++) items.push(base(people[i % 5]!));
const target = (i: number) => items[(i * 7) % 10_000]!;
for (let i = 0; i < 1_000; i++) {
  const t = target(i);
  items.push(base(t.from, { text: '', edit: { to: t.cmid, text: `edited ${i}` } }));
}
for (let i = 0; i < 200; i++) {
  const t = target(i + 5_000);
  items.push(base(t.from, { text: '', deletion: { to: t.cmid, author: t.from } }));
}
for (let i = 0; i < 2_000; i++) {
  items.push(
    base(people[i % 5]!, { reaction: { emoji: '👍', to: target(i).cmid, remove: false } }),
  );
}
for (let i = 0; i < 1_000; i++) items.push(base(people[i % 5]!, { thread: target(i * 3).cmid }));

const roles = { roles: { ann: 'owner' as const }, membersMayRemove: false };
function time(label: string, run: () => unknown, rounds = 50): number {
  for (let i = 0; i < 5; i++) run(); // warm up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) run();
  const ms = (performance.now() - start) / rounds;
  console.log(`${label}: ${ms.toFixed(2)} ms per update`);
  return ms;
}
const baseline = time('baseline (reactions only)', () => tallyReactions(items));
const full = time('edits + deletes + reactions + threads', () =>
  mainTimeline(tallyReactions(applyChanges(items, roles))),
);
console.log(`ratio: ${(full / baseline).toFixed(2)}x the baseline (${items.length} items)`);
const folded = applyChanges(items, roles);
time('  of which applyChanges', () => applyChanges(items, roles));
time('  of which mainTimeline', () => mainTimeline(folded));
