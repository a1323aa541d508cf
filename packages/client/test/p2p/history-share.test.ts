import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { DataChannelLike } from '../../src/p2p/data-channel.ts';
import { requestHistory, serveHistory } from '../../src/p2p/history-share.ts';
import type { ReceivedMessage } from '../../src/types.ts';
import { MemoryChannel } from './memory-channel.ts';

// Over MemoryChannel, a test double for RTCDataChannel (Node has none).

const room = 'room-1' as RoomId;
const A = 'A'.repeat(43) as ClientId;
const B = 'B'.repeat(43) as ClientId;

function message(seq: number, from: ClientId = A, text = `m${seq}`): ReceivedMessage {
  return {
    room,
    seq: seq as Seq,
    from,
    cmid: `cmid-${from.slice(0, 1)}-${seq}` as ClientMsgId,
    ts: 1_000 + seq,
    payload: new TextEncoder().encode(text),
  };
}

type Peer = { allow: boolean; held: ReceivedMessage[]; raw?: (channel: MemoryChannel) => void };

function network(peers: Record<string, Peer>) {
  return async (peer: ClientId, label: string): Promise<DataChannelLike> => {
    const [mine, theirs] = MemoryChannel.pair(label);
    const p = peers[peer];
    if (!p) throw new Error('offline');
    if (p.raw) theirs.addEventListener('message', () => p.raw?.(theirs));
    else
      serveHistory(theirs, {
        room,
        allow: () => p.allow,
        load: async (before, limit) => p.held.filter((m) => m.seq < before).slice(-limit),
      });
    return mine;
  };
}

/** The server's log as the requester reads it: message(seq) from A at every seq. */
const serverLog = async (seqs: readonly number[]) =>
  new Map(seqs.map((seq) => [seq, (({ from, cmid, ts }) => ({ from, cmid, ts }))(message(seq))]));

describe('history from other members', () => {
  it('[P-SIG6] merges what online peers hold before `before`, without duplicates, in order', async () => {
    const open = network({
      [A]: { allow: true, held: [1, 2, 3, 4, 5, 6].map((s) => message(s)) },
      [B]: { allow: true, held: [3, 4, 5, 6, 7].map((s) => message(s)) },
    });
    const got = await requestHistory({ room, peers: [A, B], open, before: 6, serverLog });
    expect(got.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new TextDecoder().decode(got[0]?.payload)).toBe('m1');
  });

  it('[P-SIG6] a member who turned sharing off refuses; others still answer', async () => {
    const open = network({
      [A]: { allow: false, held: [1, 2].map((s) => message(s)) },
      [B]: { allow: true, held: [2, 3].map((s) => message(s)) },
    });
    const got = await requestHistory({ room, peers: [A, B], open, before: 10, serverLog });
    expect(got.map((m) => m.seq)).toEqual([2, 3]);
    const none = await requestHistory({ room, peers: [A], open, before: 10, serverLog });
    expect(none).toEqual([]);
  });

  it('[P-SIG6] records of another room, at or after `before`, or malformed are dropped', async () => {
    const open = network({
      [A]: {
        allow: true,
        held: [],
        raw: (ch) => {
          const send = (m: unknown) => ch.send(JSON.stringify(m));
          const rec = (seq: number, extra: object = {}) => ({
            t: 'hmsg',
            m: { ...message(seq), payload: 'bTE', ...extra },
          });
          send(rec(1));
          send(rec(2, { room: 'room-2' }));
          send(rec(9)); // not before 5
          send(rec(3, { from: 'not-a-client-id' }));
          send(rec(4, { payload: '***' }));
          send({ t: 'hend' });
        },
      },
    });
    const got = await requestHistory({ room, peers: [A], open, before: 5, serverLog });
    expect(got.map((m) => m.seq)).toEqual([1]);
  });

  it('[P-SIG6] verifyForwarded rejects; a seq two peers disagree on is dropped', async () => {
    const open = network({
      [A]: { allow: true, held: [message(1), message(2), message(3, A, 'bad')] },
      [B]: { allow: true, held: [message(1), message(2, B)] },
    });
    const got = await requestHistory({
      room,
      peers: [A, B],
      open,
      before: 10,
      verifyForwarded: (m) => new TextDecoder().decode(m.payload) !== 'bad',
      serverLog,
    });
    expect(got.map((m) => [m.seq, m.from])).toEqual([[1, A]]);
  });

  it('[P-SIG6] a forwarded message must match the server’s record at its seq: moved or back-dated ones are dropped', async () => {
    const moved = { ...message(3), seq: 2 as Seq }; // a real message filed at another seq
    const backdated = { ...message(4), ts: 5 }; // a real message with another time
    const open = network({
      [A]: { allow: true, held: [message(1), moved, backdated, message(5)] },
    });
    const got = await requestHistory({ room, peers: [A], open, before: 10, serverLog });
    expect(got.map((m) => [m.seq, m.ts])).toEqual([
      [1, 1_001],
      [5, 1_005],
    ]);
    // Where the server has no record at all, nothing is taken either.
    const none = await requestHistory({
      room,
      peers: [A],
      open,
      before: 10,
      serverLog: async () => new Map(),
    });
    expect(none).toEqual([]);
  });
});
