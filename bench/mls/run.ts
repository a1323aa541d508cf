/**
 * The MLS bench: the same scenarios in Node, then in Debian's Chromium, each on the Web
 * Crypto and the pure-JS crypto path, side by side with the ratio of the two paths, plus
 * bare AES-128-GCM as the per-message floor.
 *   ./yam bench --mls [--sizes 2,20,200 --messages 1000 --size 100 --reps 3]
 *     [--paths web-crypto,pure-js] [--json]
 *   node bench/mls/run.ts (same flags)
 * See bench/README.md, section "MLS".
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { MLS_FLAGS, mlsOptionsFrom } from './mls-options.ts';
import { formatMlsTable } from './mls-report.ts';
import { runMlsInChromium } from './run-chromium.ts';
import { runMlsInNode } from './run-node.ts';

const { values } = parseArgs({ options: { ...MLS_FLAGS, json: { type: 'boolean' } } });
const options = mlsOptionsFrom(values);
console.error(
  `mls: sizes ${options.sizes.join(', ')}, ${options.messages} messages of ${options.payloadBytes} bytes, ` +
    `paths ${options.paths.join(', ')}, median of ${options.reps}; Node first, then Chromium (one at a time, ${availableParallelism()} cores)`,
);
const node = await runMlsInNode(options, (line) => console.error(`node: ${line}`));
const chromium = await runMlsInChromium(options, (line) => console.error(`chromium: ${line}`));
console.log(
  values.json
    ? JSON.stringify([...node, ...chromium], null, 2)
    : formatMlsTable([...node, ...chromium]),
);
