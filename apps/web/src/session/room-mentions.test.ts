import { encodeContent, type RawMessage } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { RoomEntry } from './room-entry.ts';
import { roomKey } from './room-entry.ts';
import { mentionsOf, RoomMentions } from './room-mentions.ts';
import { FakeServer } from './testing/fake-server.ts';

const ME = 'm'.repeat(43);
const ANA = 'a'.repeat(43);
const SERVER = 'https://yam.example';
const ROOM = 'tea' as RoomId;
const KEY = roomKey(SERVER, ROOM);

function message(seq: number, mentions: string[] | undefined, from = ANA): RawMessage {
  return {
    room: ROOM,
    seq: seq as Seq,
    from: from as ClientId,
    cmid: `cmid-${seq}-xyz` as ClientMsgId,
    ts: seq,
    kind: 'message',
    payload: encodeContent({
      type: 'text',
      text: 'hi',
      sentAt: 1,
      ...(mentions ? { mentions } : {}),
    }),
  };
}

function setup(readSeq = 0) {
  let open: string | undefined;
  const entry = { key: KEY, server: SERVER, room: ROOM, readSeq } as RoomEntry;
  const mentions = new RoomMentions(
    ME,
    (k) => (k === KEY ? entry : undefined),
    (k) => k === open,
  );
  return { mentions, setOpen: (k: string | undefined) => (open = k) };
}

describe('mention marks', () => {
  it('reads mentions from texts and edits only', () => {
    expect(mentionsOf(message(1, [ME]).payload, ME)).toBe(true);
    expect(mentionsOf(message(1, [ANA]).payload, ME)).toBe(false);
    expect(
      mentionsOf(
        encodeContent({ type: 'edit', to: 'cmid-1-xyz', text: 'x', mentions: [ME], sentAt: 1 }),
        ME,
      ),
    ).toBe(true);
    expect(mentionsOf(undefined, ME)).toBe(false);
  });

  it('counts unread mentions of me from the store and live, once each; opening the room clears them', async () => {
    const server = new FakeServer(SERVER);
    server.messages.push(message(1, [ME]), message(2, undefined), message(3, [ME]));
    const { mentions, setOpen } = setup(1);
    await mentions.follow(server, ROOM);
    expect(mentions.counts.value.get(KEY)).toBe(1); // seq 1 was read already
    server.receive(message(4, [ANA, ME]));
    server.receive(message(4, [ANA, ME]));
    server.receive(message(5, [ANA]));
    expect(mentions.counts.value.get(KEY)).toBe(2);
    setOpen(KEY);
    mentions.clear(KEY);
    expect(mentions.counts.value.has(KEY)).toBe(false);
    server.receive(message(6, [ME]));
    expect(mentions.counts.value.has(KEY)).toBe(false); // the room is open: read at once
  });

  it('tells the room list which messages show no bubble', async () => {
    const server = new FakeServer(SERVER);
    const quiet: number[] = [];
    const entry = { key: KEY, server: SERVER, room: ROOM, readSeq: 0 } as RoomEntry;
    const mentions = new RoomMentions(
      ME,
      () => entry,
      () => false,
      (_server, _room, seq) => quiet.push(seq),
    );
    await mentions.follow(server, ROOM);
    const raw = (seq: number, body: Uint8Array) => ({ ...message(seq, undefined), payload: body });
    server.receive(raw(1, encodeContent({ type: 'text', text: 'hi', sentAt: 1 })));
    server.receive(raw(2, encodeContent({ type: 'edit', to: 'cmid-1-xyz', text: 'x', sentAt: 1 })));
    server.receive(
      raw(3, encodeContent({ type: 'delete', to: 'cmid-1-xyz', author: ANA, sentAt: 1 })),
    );
    server.receive(
      raw(4, encodeContent({ type: 'reaction', reaction: '👍', to: 'cmid-1-xyz', sentAt: 1 })),
    );
    server.receive(
      raw(5, encodeContent({ type: 'text', text: 'r', thread: 'cmid-1-xyz', sentAt: 1 })),
    );
    expect(quiet).toEqual([2, 3, 4, 5]);
  });

  it('my own messages never mark a room', async () => {
    const server = new FakeServer(SERVER);
    const { mentions } = setup();
    await mentions.follow(server, ROOM);
    server.receive(message(1, [ME], ME));
    expect(mentions.counts.value.size).toBe(0);
  });
});
