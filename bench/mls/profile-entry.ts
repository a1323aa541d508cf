/**
 * The browser side of profile-chromium.ts: builds a group of N, then encrypts and decrypts
 * the messages between `console.profile` marks, one profile each, so the runner's CDP
 * session receives exactly the message work (no group setup).
 */
import { type MlsCryptoPath, mlsCryptoPath, useMlsCryptoPath } from '@yam/crypto';
import { benchPayloads } from './bench-payloads.ts';
import { buildGroup, cloneGroup } from './mls-group-fixture.ts';
import { measureAdd, measureMessages } from './mls-scenarios.ts';

declare global {
  var profileMlsMessages: (
    members: number,
    messages: number,
    payloadBytes: number,
    path: MlsCryptoPath,
  ) => Promise<{ path: MlsCryptoPath; encryptMs: number; decryptMs: number }>;
}

globalThis.profileMlsMessages = async (members, messages, payloadBytes, path) => {
  useMlsCryptoPath(path);
  const fixture = await buildGroup(members - 1, `profile-${members}`);
  const { sender, receiver } = await measureAdd(fixture, 1);
  const payloads = benchPayloads(messages, payloadBytes);
  // Warm-up on copies, so the JIT has settled before the profile starts.
  await measureMessages(cloneGroup(sender), cloneGroup(receiver), payloads.slice(0, 200), 1);
  console.profile('messages');
  const timings = await measureMessages(sender, receiver, payloads, 1);
  console.profileEnd('messages');
  return { path: await mlsCryptoPath(), encryptMs: timings.encryptMs, decryptMs: timings.decryptMs };
};
