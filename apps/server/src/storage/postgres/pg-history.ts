import { historyMessageBytes } from '@yam/protocol';
import type { HistoryPage, HistoryQuery, StoredRecord } from '../storage.ts';
import { bytes, type Db, rows } from './pg-pool.ts';

type Row = {
  room: string;
  seq: number;
  client_id: string;
  cmid: string;
  ts: number;
  payload: Buffer;
  kind: 'app' | 'commit';
  epoch: number | null;
  adds: string[] | null;
  removes: string[] | null;
};

/**
 * One history page [P-HIST1] [P-HIST3] in two steps: the candidate seqs with their payload
 * sizes (PostgreSQL reads a bytea's length without loading it), then the payloads of only
 * those that fit the byte cap. Seqs are gap-free and never rewritten, so the second step
 * reads exactly the rows the first one picked.
 */
export async function pgHistory(db: Db, room: string, query: HistoryQuery): Promise<HistoryPage> {
  const { limit } = query;
  const ascending = query.after !== undefined;
  const candidates = await rows<{ seq: number; size: number }>(
    db,
    ascending
      ? 'SELECT seq, octet_length(payload) AS size FROM messages WHERE room = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3'
      : 'SELECT seq, octet_length(payload) AS size FROM messages WHERE room = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
    [room, ascending ? query.after : (query.before ?? Number.MAX_SAFE_INTEGER), limit + 1],
  );
  const seqs: number[] = [];
  let total = 0;
  let hasMore = false;
  for (const { seq, size } of candidates) {
    const cost = historyMessageBytes(size);
    if (seqs.length >= limit || (seqs.length > 0 && total + cost > (query.maxBytes ?? Infinity))) {
      // The row that did not fit only tells that more exist.
      hasMore = true;
      break;
    }
    seqs.push(seq);
    total += cost;
  }
  if (seqs.length === 0) return { messages: [], hasMore };
  const page = await rows<Row>(
    db,
    // A commit's declared roster change travels with it. [P-MEM7]
    `SELECT m.room, m.seq, m.client_id, m.cmid, m.ts, m.payload, m.kind, m.epoch, c.adds, c.removes
     FROM messages m LEFT JOIN commit_changes c ON c.room = m.room AND c.seq = m.seq
     WHERE m.room = $1 AND m.seq BETWEEN $2 AND $3 ORDER BY m.seq ASC`,
    [room, Math.min(...seqs), Math.max(...seqs)],
  );
  return { messages: page.map(toRecord), hasMore };
}

function toRecord(row: Row): StoredRecord {
  return {
    room: row.room,
    seq: row.seq,
    from: row.client_id,
    cmid: row.cmid,
    ts: row.ts,
    payload: bytes(row.payload),
    kind: row.kind,
    ...(row.epoch === null ? {} : { epoch: row.epoch }),
    ...(row.adds === null ? {} : { adds: row.adds }),
    ...(row.removes === null ? {} : { removes: row.removes }),
  };
}
