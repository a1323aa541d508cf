/** A message as storage keeps it; the payload is opaque bytes. */
export type StoredRecord = {
  room: string;
  seq: number;
  from: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
};

export type AppendInput = {
  room: string;
  from: string;
  cmid: string;
  /** Server receive time, ms since the epoch. */
  ts: number;
  payload: Uint8Array;
};

/** `duplicate`: the (room, from, cmid) was stored before; seq and ts are the original ones. */
export type AppendResult = { seq: number; ts: number; duplicate: boolean };

export type HistoryQuery = { after?: number; before?: number; limit: number };

export type HistoryPage = { messages: StoredRecord[]; hasMore: boolean };

/**
 * Durable message storage. Async so a networked database (PostgreSQL) can drop in.
 * Rules every implementation keeps (see storage.contract.ts): append resolves only after
 * the write is durable [P-MSG3]; each room's seq starts at 1 with no gaps [P-SEQ1];
 * (room, from, cmid) is stored once [P-MSG4].
 */
export interface Storage {
  append(input: AppendInput): Promise<AppendResult>;
  /** Highest seq stored in the room, 0 when empty. */
  head(room: string): Promise<number>;
  /** Ascending by seq; see HistoryRequest for the meaning of after/before. [P-HIST1] */
  history(room: string, query: HistoryQuery): Promise<HistoryPage>;
  /** Finishes pending appends, then releases the database. */
  close(): Promise<void>;
}
