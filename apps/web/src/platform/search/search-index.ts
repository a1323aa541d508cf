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
/** The newest edit of a message, kept until (and after) its original is indexed. */
type Edit = { text: string; seq: number };

/** Edits and deletes at most remembered for originals not indexed (yet). */
const MAX_PENDING = 20_000;

export class SearchIndex {
  #mini: MiniSearch<SearchDoc>;
  /** Newest edit per message ID: history arrives newest first, so edits can come first. */
  readonly #edits: Map<string, Edit>;
  /** Deleted message IDs: an original read later from an older page stays out. */
  readonly #deleted: Set<string>;

  constructor(
    mini?: MiniSearch<SearchDoc>,
    edits: Map<string, Edit> = new Map(),
    deleted: Set<string> = new Set(),
  ) {
    this.#mini = mini ?? new MiniSearch<SearchDoc>(options());
    this.#edits = edits;
    this.#deleted = deleted;
  }

  /** An index saved with `toJSON`; a damaged or old one starts empty (it is rebuilt). */
  static fromJSON(json: string | undefined): SearchIndex {
    if (!json) return new SearchIndex();
    try {
      const saved = JSON.parse(json) as {
        mini: unknown;
        edits?: [string, Edit][];
        deleted?: string[];
      };
      return new SearchIndex(
        MiniSearch.loadJS<SearchDoc>(
          saved.mini as Parameters<typeof MiniSearch.loadJS>[0],
          options(),
        ),
        new Map(saved.edits ?? []),
        new Set(saved.deleted ?? []),
      );
    } catch {
      return new SearchIndex();
    }
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  /** Adds messages (with their newest edit's text); deleted ones stay out. */
  add(docs: readonly SearchDoc[]): void {
    for (const doc of docs) {
      if (this.#deleted.has(doc.id)) continue;
      const edit = this.#edits.get(doc.id);
      if (this.#mini.has(doc.id)) this.#mini.discard(doc.id);
      const text = edit && edit.seq > doc.seq ? edit.text : doc.text;
      if (text.trim()) this.#mini.add({ ...doc, text });
    }
  }

  /**
   * An edit of message `id` (the caller checked that its sender is the author): the newest
   * by seq wins, whether the original is indexed yet or not.
   */
  edit(id: string, text: string, seq: number): void {
    const known = this.#edits.get(id);
    if (known && known.seq >= seq) return;
    this.#edits.set(id, { text, seq });
    this.#trim(this.#edits);
    const doc = this.#mini.has(id)
      ? (this.#mini.getStoredFields(id) as SearchDoc | undefined)
      : undefined;
    if (!doc) return;
    this.#mini.discard(id);
    if (text.trim()) this.#mini.add({ ...doc, id, text });
  }

  /** Forgets messages for good (deleted ones), also if they are indexed later. */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.#mini.has(id)) this.#mini.discard(id);
      this.#deleted.add(id);
      this.#edits.delete(id);
    }
    this.#trim(this.#deleted);
  }

  /** Oldest entries go first when a pending map grows past its cap. */
  #trim(pending: Map<string, unknown> | Set<string>): void {
    for (const key of pending.keys()) {
      if (pending.size <= MAX_PENDING) break;
      pending.delete(key);
    }
  }

  /** Forgets every message of a room (the room was removed from this device). */
  removeRoom(room: string): void {
    const ids: string[] = [];
    this.#mini.search(MiniSearch.wildcard, { filter: (r) => r.room === room }).forEach((r) => {
      ids.push(r.id as string);
    });
    for (const id of ids) this.#mini.discard(id);
    const prefix = `${room}\n`;
    for (const id of this.#edits.keys()) if (id.startsWith(prefix)) this.#edits.delete(id);
    for (const id of this.#deleted) if (id.startsWith(prefix)) this.#deleted.delete(id);
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
    return JSON.stringify({
      mini: this.#mini,
      edits: [...this.#edits],
      deleted: [...this.#deleted],
    });
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
