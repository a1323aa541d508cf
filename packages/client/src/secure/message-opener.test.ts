import {
  addMembers,
  createIdentity,
  createKeyPackage,
  createRoomGroup,
  type DeviceIdentity,
  joinFromWelcome,
  type RoomGroup,
  sealAndEncrypt,
} from '@yam/crypto';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../types.ts';
import { MessageOpener } from './message-opener.ts';
import { openedKey } from './opened-message.ts';
import { MemorySecretStore, type SecretEntry, type SecretKind } from './secret-store.ts';

const room = 'opener-room' as RoomId;

/** A MemorySecretStore that logs every write, in order. */
class LoggingStore extends MemorySecretStore {
  readonly writes: string[] = [];
  override async put(kind: SecretKind, key: string, value: Uint8Array): Promise<void> {
    this.writes.push(`put ${kind}`);
    return super.put(kind, key, value);
  }
  override async putMany(kind: SecretKind, entries: readonly SecretEntry[]): Promise<void> {
    if (entries.length > 0) this.writes.push(`putMany ${kind} ${entries.length}`);
    return super.putMany(kind, entries);
  }
}

/** Alice and Bob in one group; Alice sends `count` messages, Bob opens them. */
async function conversation(count: number) {
  const alice = createIdentity();
  const bob = createIdentity();
  const pending = await createKeyPackage(bob);
  const added = await addMembers(await createRoomGroup(alice, room), [pending.keyPackage]);
  let sender = added.group;
  const receiver = (await joinFromWelcome(bob, added.welcome, [pending])).group;
  const messages: ReceivedMessage[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const cmid = `m${seq}` as ClientMsgId;
    const sent = await sealAndEncrypt(sender, alice, {
      room,
      messageId: cmid,
      body: new TextEncoder().encode(`hello ${seq}`),
    });
    sender = sent.group;
    messages.push({
      room,
      seq: seq as Seq,
      from: alice.clientId as ClientId,
      cmid,
      ts: seq,
      payload: sent.ciphertext,
    });
  }
  return { bob, receiver, messages };
}

function opener(store: LoggingStore, me: DeviceIdentity, start: RoomGroup) {
  let group = start;
  let saves = 0;
  const opener = new MessageOpener({
    me: me.clientId,
    store,
    group: async () => group,
    meta: async () => undefined,
    save: async (_room, next) => {
      group = next;
      saves++;
      store.writes.push('save group');
    },
  });
  return { opener, saves: () => saves };
}

const read = (body: Uint8Array | undefined) => body && new TextDecoder().decode(body);

describe('MessageOpener', () => {
  it('opens a run with one cache read, one write of plaintexts, then one save of the group', async () => {
    const { bob, receiver, messages } = await conversation(40);
    const store = new LoggingStore();
    const bobs = opener(store, bob, receiver);
    const opened = await bobs.opener.openMany(messages);
    expect(opened.map((m) => read(m.body))).toEqual(messages.map((m) => `hello ${m.seq}`));
    // Plaintexts before the group: a crash between them keeps keys for what was not cached.
    expect(store.writes).toEqual(['putMany opened 40', 'save group']);
    expect(bobs.saves()).toBe(1);
    // Opened once: a second look reads the cache (MLS could not decrypt them again).
    const again = await bobs.opener.openMany(messages);
    expect(again.map((m) => read(m.body))).toEqual(opened.map((m) => read(m.body)));
    expect(bobs.saves()).toBe(1);
  });

  it('a long run is written in steps, each step its plaintexts then its group', async () => {
    const { bob, receiver, messages } = await conversation(130);
    const store = new LoggingStore();
    const bobs = opener(store, bob, receiver);
    const opened = await bobs.opener.openMany(messages);
    expect(opened.every((m, i) => read(m.body) === `hello ${i + 1}`)).toBe(true);
    expect(store.writes).toEqual([
      'putMany opened 64',
      'save group',
      'putMany opened 64',
      'save group',
      'putMany opened 2',
      'save group',
    ]);
    expect(bobs.saves()).toBe(3);
  });

  it('a replay under a new seq in the same run reads the first outcome and never overwrites it', async () => {
    const { bob, receiver, messages } = await conversation(2);
    const replay = { ...messages[0]!, seq: 3 as Seq };
    const store = new LoggingStore();
    const opened = await opener(store, bob, receiver).opener.openMany([...messages, replay]);
    expect(opened.map((m) => read(m.body))).toEqual(['hello 1', 'hello 2', 'hello 1']);
    const cached = await store.get('opened', openedKey(room, replay.from, replay.cmid));
    expect(cached).toBeDefined();
    const reread = await opener(store, bob, receiver).opener.open(replay);
    expect(read(reread.body)).toBe('hello 1');
  });

  it('a damaged message in a run is unreadable and does not stop the others', async () => {
    const { bob, receiver, messages } = await conversation(3);
    const damaged = { ...messages[1]!, payload: Uint8Array.of(1, 2, 3) };
    const opened = await opener(new LoggingStore(), bob, receiver).opener.openMany([
      messages[0]!,
      damaged,
      messages[2]!,
    ]);
    expect(opened.map((m) => m.problem ?? read(m.body))).toEqual([
      'hello 1',
      'unreadable',
      'hello 3',
    ]);
  });
});
