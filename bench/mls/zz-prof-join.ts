import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { addMembers, joinFromWelcome, useMlsCryptoPath } from '@yam/crypto';
import { buildGroup, cloneGroup, newJoiner } from './mls-group-fixture.ts';

useMlsCryptoPath((process.argv[2] as 'web-crypto') ?? 'web-crypto');
const fx = await buildGroup(199, 'p');
const prepared = [];
for (let i = 0; i < 8; i++) {
  const j = await newJoiner();
  prepared.push({ j, added: await addMembers(cloneGroup(fx.creator), [j.pending.keyPackage]) });
}
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.start');
const runs = [];
for (const { j, added } of prepared) {
  const t = performance.now();
  await joinFromWelcome(j.identity, added.welcome, [j.pending]);
  runs.push(performance.now() - t);
}
const { profile } = await s.post('Profiler.stop');
writeFileSync(process.argv[3] + '/x.cpuprofile', JSON.stringify(profile));
console.log('join ms', runs.map((x) => x.toFixed(1)).join(' '));
