import type { SearchDoc, SearchHit, SearchQuery } from './search-index.ts';

/** A request from the app to the search worker. `id` pairs it with its answer. */
export type SearchRequest =
  | { id: number; op: 'add'; docs: SearchDoc[] }
  | { id: number; op: 'remove'; ids: string[] }
  | { id: number; op: 'edit'; docId: string; text: string; seq: number }
  | { id: number; op: 'removeRoom'; room: string }
  | { id: number; op: 'search'; query: SearchQuery }
  | { id: number; op: 'marks' }
  | { id: number; op: 'setMark'; room: string; seq: number }
  | { id: number; op: 'flush' };

/** The worker's answer: a value for `search` and `marks`, nothing for the rest. */
export type SearchResponse =
  | { id: number; ok: true; hits?: SearchHit[]; marks?: Record<string, number> }
  | { id: number; ok: false; error: string };
