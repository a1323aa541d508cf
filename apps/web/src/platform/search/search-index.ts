import MiniSearch, { type SearchResult } from 'minisearch';

/** One readable message as the search index holds it (this device only, never sent). */
export type SearchDoc = {
  /** `<room key>\n<item key>`: unique across rooms and servers. */
  id: string;
  /** The room list key (Room URL without a name). */
  room: string;
  /** The timeline item key (`<clientId>:<cmid>`), to jump to the message. */
  key: string;
  seq: number;
  from: string;
  name: string;
  text: string;
  ts: number;
};

/** A search result: the message, its score and the query words it matched. */
export type SearchHit = SearchDoc & { score: number; terms: readonly string[] };

export type SearchQuery = {
  text: string;
  /** Only this room (its list key); all rooms when absent. */
  room?: string | undefined;
  limit?: number | undefined;
};

/** The longest query taken: longer ones are cut (a search box, not a document). */
export const MAX_QUERY_LENGTH = 200;
const DEFAULT_LIMIT = 50;

const FIELDS = ['text', 'name'] as const;
const STORED = ['room', 'key', 'seq', 'from', 'name', 'text', 'ts'] as const;

/** Lower case without accents, so "cafe" finds "Café". */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function options() {
  return {
    fields: [...FIELDS],
    storeFields: [...STORED],
    processTerm: (term: string) => foldTerm(term) || null,
    searchOptions: {
      prefix: true,
      fuzzy: (term: string) => (term.length > 4 ? 0.2 : 0),
      combineWith: 'AND' as const,
      boost: { text: 2 },
    },
  };
}

/**
 * Full-text search over the decrypted messages of every room on this device (MiniSearch).
 * Plain data in, plain data out, so it runs the same in a worker and in tests.
 */
export class SearchIndex {
  #mini: MiniSearch<SearchDoc>;

  constructor(mini?: MiniSearch<SearchDoc>) {
    this.#mini = mini ?? new MiniSearch<SearchDoc>(options());
  }

  /** An index saved with `toJSON`; a damaged or old one starts empty (it is rebuilt). */
  static fromJSON(json: string | undefined): SearchIndex {
    if (!json) return new SearchIndex();
    try {
      return new SearchIndex(MiniSearch.loadJSON<SearchDoc>(json, options()));
    } catch {
      return new SearchIndex();
    }
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  /** Adds messages; one already indexed under the same ID is replaced (an edit). */
  add(docs: readonly SearchDoc[]): void {
    for (const doc of docs) {
      if (this.#mini.has(doc.id)) this.#mini.discard(doc.id);
      if (doc.text.trim()) this.#mini.add(doc);
    }
  }

  /** Forgets messages (deleted ones). Unknown IDs are ignored. */
  remove(ids: readonly string[]): void {
    for (const id of ids) if (this.#mini.has(id)) this.#mini.discard(id);
  }

  /** Forgets every message of a room (the room was removed from this device). */
  removeRoom(room: string): void {
    const ids: string[] = [];
    this.#mini.search(MiniSearch.wildcard, { filter: (r) => r.room === room }).forEach((r) => {
      ids.push(r.id as string);
    });
    this.remove(ids);
  }

  /** Best matches first; equal scores newest first. */
  search(query: SearchQuery): SearchHit[] {
    const text = query.text.slice(0, MAX_QUERY_LENGTH).trim();
    if (!text) return [];
    const room = query.room;
    const results = this.#mini.search(text, room ? { filter: (r) => r.room === room } : {});
    return results
      .sort((a, b) => b.score - a.score || (b.ts as number) - (a.ts as number))
      .slice(0, query.limit ?? DEFAULT_LIMIT)
      .map(toHit);
  }

  toJSON(): string {
    return JSON.stringify(this.#mini);
  }
}

function toHit(r: SearchResult): SearchHit {
  return {
    id: r.id as string,
    room: r.room as string,
    key: r.key as string,
    seq: r.seq as number,
    from: r.from as string,
    name: r.name as string,
    text: r.text as string,
    ts: r.ts as number,
    score: r.score,
    terms: r.terms,
  };
}
