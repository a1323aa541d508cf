import { createIdentity, type Envelope, encodeEnvelope, sealEnvelope } from '@yam/crypto';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { DataChannelLike } from '../../src/p2p/data-channel.ts';
import { requestHistory, serveHistory } from '../../src/p2p/history-share.ts';
import { verifyForwardedEnvelope } from '../../src/secure/forwarded-envelope.ts';
import type { ReceivedMessage } from '../../src/types.ts';
import { MemoryChannel } from './memory-channel.ts';

// Forwarded history carries the author's signed envelope; the requester checks each one.

const room = 'room-1' as RoomId;
const alice = createIdentity();
const mallory = createIdentity();
const A = alice.clientId as ClientId;
const M = mallory.clientId as ClientId;
const text = (s: string) => new TextEncoder().encode(s);

function signed(seq: number, body = `m${seq}`, identity = alice): ReceivedMessage {
  const cmid = `cmid-000${seq}` as ClientMsgId;
  const envelope = sealEnvelope(identity, { room, messageId: cmid, body: text(body) });
  return {
    room,
    seq: seq as Seq,
    from: identity.clientId as ClientId,
    cmid,
    ts: 1_000 + seq,
    payload: encodeEnvelope(envelope),
  };
}

function withEnvelope(m: ReceivedMessage, change: (e: Envelope) => Envelope): ReceivedMessage {
  const original = signed(m.seq);
  const env = change({
    room,
    messageId: original.cmid,
    authorKey: alice.publicKey,
    body: text(`m${m.seq}`),
    signature: sealEnvelope(alice, { room, messageId: original.cmid, body: text(`m${m.seq}`) })
      .signature,
  });
  return { ...m, payload: encodeEnvelope(env) };
}

function network(held: Record<string, ReceivedMessage[]>) {
  return async (peer: ClientId, label: string): Promise<DataChannelLike> => {
    const [mine, theirs] = MemoryChannel.pair(label);
    const list = held[peer];
    if (!list) throw new Error('offline');
    serveHistory(theirs, {
      room,
      allow: () => true,
      load: async (before, limit) => list.filter((m) => m.seq < before).slice(-limit),
    });
    return mine;
  };
}

const verifyForwarded = (m: ReceivedMessage) => verifyForwardedEnvelope(m) !== undefined;

/** The server's log: Alice's real message at every seq. */
const serverLog = async (seqs: readonly number[]) =>
  new Map(seqs.map((seq) => [seq, (({ from, cmid, ts }) => ({ from, cmid, ts }))(signed(seq))]));

describe('signed forwarded history', () => {
  it('[P-SIG6] an honest peer’s forwarded envelopes verify and say who shared them', async () => {
    const open = network({ [A]: [signed(1), signed(2)] });
    const got = await requestHistory({
      room,
      peers: [A],
      open,
      before: 3,
      verifyForwarded,
      serverLog,
    });
    expect(got.map((m) => [m.seq, m.sharedBy])).toEqual([
      [1, A],
      [2, A],
    ]);
    expect(new TextDecoder().decode(verifyForwardedEnvelope(got[0]!)?.body)).toBe('m1');
  });

  it('[P-SIG6] forged, tampered, re-attributed or moved messages are rejected', async () => {
    const tamperedBody = withEnvelope(signed(1), (e) => ({ ...e, body: text('pay mallory') }));
    // Mallory signs words as herself but claims Alice wrote them.
    const forged = { ...signed(2, 'I owe you', mallory), from: A };
    // Alice's genuine envelope passed off as Mallory's.
    const reattributed = { ...signed(3), from: M };
    const otherCmid = { ...signed(4), cmid: 'cmid-00099' as ClientMsgId };
    const otherRoom = withEnvelope(signed(5), (e) => ({ ...e, room: 'room-2' }));
    const garbage = { ...signed(6), payload: text('not an envelope') };
    const honest = signed(7);
    const open = network({
      [M]: [tamperedBody, forged, reattributed, otherCmid, otherRoom, garbage, honest],
    });
    const got = await requestHistory({
      room,
      peers: [M],
      open,
      before: 10,
      verifyForwarded,
      serverLog,
    });
    expect(got.map((m) => m.seq)).toEqual([7]);
  });

  it('[P-SIG6] without the check the same forgeries would have got through', async () => {
    const forged = { ...signed(2, 'I owe you', mallory), from: A };
    const open = network({ [M]: [forged] });
    const got = await requestHistory({ room, peers: [M], open, before: 10, serverLog });
    expect(got.map((m) => m.seq)).toEqual([2]);
    expect(verifyForwardedEnvelope(forged)).toBeUndefined();
  });
});
