import {
  type ClientId,
  ClientId as ClientIdSchema,
  ClientMsgId,
  fromBase64Url,
  LIMITS,
  MessageKind,
  type RoomId,
  Seq,
  toBase64Url,
} from '@yam/protocol';
import { z } from 'zod/mini';
import type { ReceivedMessage } from '../types.ts';
import { type DataChannelLike, whenOpen } from './data-channel.ts';

/** Label prefix of history channels: `hist:<random>`. */
export const HISTORY_LABEL = 'hist:';

/** Most messages one request asks a peer for. */
export const MAX_SHARED_PAGE = 200;

/** One stored message as a peer forwards it (ReceivedMessage with base64url payload). */
const ForwardedRecord = z.object({
  room: z.string().check(z.maxLength(128)),
  seq: Seq,
  from: ClientIdSchema,
  cmid: ClientMsgId,
  ts: z.int(),
  payload: z.string().check(z.maxLength(Math.ceil((LIMITS.maxPayloadBytes * 4) / 3))),
  kind: z.optional(MessageKind),
  epoch: z.optional(z.int().check(z.minimum(0))),
});

const HistoryFrame = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hreq'),
    room: z.string().check(z.maxLength(128)),
    before: z.int().check(z.minimum(1)),
    limit: z.int().check(z.minimum(1), z.maximum(MAX_SHARED_PAGE)),
  }),
  z.object({ t: z.literal('hmsg'), m: ForwardedRecord }),
  z.object({ t: z.literal('hend') }),
  z.object({ t: z.literal('hrefuse') }),
]);
type HistoryFrame = z.infer<typeof HistoryFrame>;

function parse(data: unknown): HistoryFrame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = HistoryFrame.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks one forwarded message beyond its shape. Secure rooms forward the author's signed
 * envelope as the payload and pass `verifyForwardedEnvelope` here, so a forwarder can
 * withhold messages but not forge, alter or re-attribute them. [P-SIG6]
 */
export type VerifyForwarded = (message: ReceivedMessage) => boolean | Promise<boolean>;

/** What the server's log holds at one seq (the requester is a member and can read it). */
export type LogRecord = { from: ClientId; cmid: string; ts: number };

/** The server's records at these seqs (missing ones left out). */
export type ServerLog = (seqs: readonly number[]) => Promise<ReadonlyMap<number, LogRecord>>;

/** What a peer answering history requests needs. */
export type HistoryServeOptions = {
  room: RoomId;
  /** The member's "share my history" setting, read at each request. */
  allow(): boolean;
  /** Up to `limit` stored messages with seq < before, ascending. */
  load(before: number, limit: number): Promise<ReceivedMessage[]>;
};

/** Answers history requests arriving on `channel` (a `hist:` channel a peer opened). */
export function serveHistory(channel: DataChannelLike, options: HistoryServeOptions): void {
  channel.addEventListener('message', (event) => {
    const frame = parse(event.data);
    if (frame?.t !== 'hreq') return;
    void (async () => {
      const send = (f: HistoryFrame) => {
        if (channel.readyState === 'open') channel.send(JSON.stringify(f));
      };
      if (!options.allow() || frame.room !== options.room) {
        send({ t: 'hrefuse' });
        return;
      }
      const messages = await options.load(frame.before, frame.limit).catch(() => []);
      for (const m of messages) {
        if (m.room !== options.room || m.seq >= frame.before) continue;
        send({ t: 'hmsg', m: { ...m, payload: toBase64Url(m.payload) } });
      }
      send({ t: 'hend' });
    })();
  });
}

export type HistoryRequestOptions = {
  room: RoomId;
  /** Online peers to ask (not ourselves). */
  peers: readonly ClientId[];
  open(peer: ClientId, label: string): Promise<DataChannelLike>;
  /** Ask for messages with seq below this (the oldest one held), at most `limit`. */
  before: number;
  limit?: number;
  verifyForwarded?: VerifyForwarded;
  /**
   * The server's log: a forwarded message is kept only where the server's record at its
   * seq has the same author, message ID and time, so no peer can move or back-date one.
   */
  serverLog: ServerLog;
  timeoutMs?: number;
};

/** A forwarded message and the peer that forwarded it (the first one, when several did). */
export type SharedMessage = ReceivedMessage & { sharedBy: ClientId };

/**
 * Asks every listed peer for messages before `before`, checks each (room, seq range,
 * shape, payload decoding, `verifyForwarded`, the server's record at its seq), drops
 * duplicates by seq and returns them ascending, with the server's timestamps. Peers that
 * refuse, fail or time out simply add nothing.
 */
export async function requestHistory(options: HistoryRequestOptions): Promise<SharedMessage[]> {
  const limit = Math.min(options.limit ?? MAX_SHARED_PAGE, MAX_SHARED_PAGE);
  const pages = await Promise.all(
    options.peers.map((peer) => askPeer(peer, options, limit).catch(() => [])),
  );
  const bySeq = new Map<number, SharedMessage>();
  for (const page of pages) {
    for (const m of page) {
      const held = bySeq.get(m.seq);
      // Two peers disagreeing about one seq: at least one lies; trust neither.
      if (held && (held.from !== m.from || held.cmid !== m.cmid)) bySeq.set(m.seq, conflict);
      else if (!held) bySeq.set(m.seq, m);
    }
  }
  const candidates = [...bySeq.values()].filter((m) => m !== conflict);
  const log = await options.serverLog(candidates.map((m) => m.seq));
  return candidates
    .filter((m) => {
      const record = log.get(m.seq);
      return record?.from === m.from && record.cmid === m.cmid && record.ts === m.ts;
    })
    .sort((a, b) => a.seq - b.seq);
}

const conflict = {} as SharedMessage;

async function askPeer(
  peer: ClientId,
  options: HistoryRequestOptions,
  limit: number,
): Promise<SharedMessage[]> {
  const channel = await options.open(
    peer,
    `${HISTORY_LABEL}${Math.random().toString(36).slice(2)}`,
  );
  await whenOpen(channel);
  const records: ReceivedMessage[] = [];
  const seen = new Set<number>();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.timeoutMs ?? 15_000);
    const finish = () => {
      clearTimeout(timer);
      resolve();
    };
    channel.addEventListener('close', finish);
    channel.addEventListener('message', (event) => {
      const frame = parse(event.data);
      if (!frame || frame.t === 'hreq') return;
      if (frame.t !== 'hmsg') return finish();
      const m = toMessage(frame.m, options.room, options.before);
      if (m && !seen.has(m.seq) && records.length < limit) {
        seen.add(m.seq);
        records.push(m);
      }
    });
    channel.send(JSON.stringify({ t: 'hreq', room: options.room, before: options.before, limit }));
  });
  channel.close();
  const verify = options.verifyForwarded ?? (() => true);
  const checked = await Promise.all(records.map(async (m) => ((await verify(m)) ? m : undefined)));
  return checked
    .filter((m): m is ReceivedMessage => m !== undefined)
    .map((m) => ({ ...m, sharedBy: peer }));
}

/** The record as a ReceivedMessage, or undefined when it does not belong to this request. */
function toMessage(
  record: z.infer<typeof ForwardedRecord>,
  room: RoomId,
  before: number,
): ReceivedMessage | undefined {
  if (record.room !== room || record.seq >= before) return undefined;
  let payload: Uint8Array;
  try {
    payload = fromBase64Url(record.payload);
  } catch {
    return undefined;
  }
  if (payload.length > LIMITS.maxPayloadBytes) return undefined;
  const { kind, epoch } = record;
  return {
    room,
    seq: record.seq,
    from: record.from,
    cmid: record.cmid,
    ts: record.ts,
    payload,
    ...(kind === undefined ? {} : { kind }),
    ...(epoch === undefined ? {} : { epoch }),
  };
}
