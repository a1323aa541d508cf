import type { StoredRecord } from '../storage.ts';

/** One row of the `messages` table as SQLite returns it, with a commit's declared change. */
export type MessageRow = {
  room: string;
  seq: number;
  client_id: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
  kind: 'app' | 'commit';
  epoch: number | null;
  /** JSON arrays from commit_changes (null for app messages and older commits). [P-MEM7] */
  adds: string | null;
  removes: string | null;
};

/** A stored message as the Storage interface hands it out. */
export function toRecord(row: MessageRow): StoredRecord {
  return {
    room: row.room,
    seq: row.seq,
    from: row.client_id,
    cmid: row.cmid,
    ts: row.ts,
    payload: row.payload,
    kind: row.kind,
    ...(row.epoch === null ? {} : { epoch: row.epoch }),
    ...(row.adds === null ? {} : { adds: JSON.parse(row.adds) as string[] }),
    ...(row.removes === null ? {} : { removes: JSON.parse(row.removes) as string[] }),
  };
}
