import { useMlsCryptoPath } from '@yam/crypto';
import { benchPayloads } from '/work/wt-speed/bench/mls/bench-payloads.ts';
import { buildGroup } from '/work/wt-speed/bench/mls/mls-group-fixture.ts';
import { measureAdd, measureMessages } from '/work/wt-speed/bench/mls/mls-scenarios.ts';

useMlsCryptoPath((process.argv[2] as 'web-crypto') ?? 'web-crypto');
const n = Number(process.argv[3] ?? 2);
const fx = await buildGroup(n - 1, 'p');
const t0 = performance.now();
const { timings, sender, receiver } = await measureAdd(fx, 3);
console.log('add', timings);
const payloads = benchPayloads(2000, 100);
const m = await measureMessages(sender, receiver, payloads, 1);
console.log(
  'enc',
  m.encryptMs,
  'dec',
  m.decryptMs,
  'msg/s',
  (2000 * 1000) / (m.encryptMs + m.decryptMs),
);
