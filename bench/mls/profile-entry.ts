/**
 * The browser side of profile-chromium.ts: builds a group of N, then one member encrypts
 * the messages and another decrypts them between `console.profile` marks, so the runner's
 * CDP session receives exactly the message work (no setup, no state copies).
 */
import {
  decryptMessage,
  encryptMessage,
  type MlsCryptoPath,
  mlsCryptoPath,
  type RoomGroup,
  useMlsCryptoPath,
} from '@yam/crypto';
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
  const start = performance.now();
  let from: RoomGroup = sender;
  const ciphertexts: Uint8Array[] = [];
  for (const payload of payloads) {
    const sent = await encryptMessage(from, payload);
    from = sent.group;
    ciphertexts.push(sent.ciphertext);
  }
  const encrypted = performance.now();
  let to: RoomGroup = receiver;
  for (const ciphertext of ciphertexts) to = (await decryptMessage(to, ciphertext)).group;
  const decrypted = performance.now();
  console.profileEnd('messages');
  return {
    path: await mlsCryptoPath(),
    encryptMs: encrypted - start,
    decryptMs: decrypted - encrypted,
  };
};
