import type { StoredRecord } from '../storage.ts';

/** One row of the `messages` table as SQLite returns it. */
export type MessageRow = {
  room: string;
  seq: number;
  client_id: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
  kind: 'app' | 'commit';
  epoch: number | null;
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
  };
}
