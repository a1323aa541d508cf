import { SearchIndex } from './search-index.ts';
import type { SearchRequest, SearchResponse } from './search-protocol.ts';

/** Where the index and the backfill marks are kept between visits (IndexedDB in the worker). */
export type SearchStore = {
  load(): Promise<{ index?: string; marks?: Record<string, number> } | undefined>;
  save(state: { index: string; marks: Record<string, number> }): Promise<void>;
};

/** How long after the last change the index is written down. */
const SAVE_DELAY_MS = 1_500;

/**
 * The worker's state: the index, how far each room's stored history has been indexed,
 * and a debounced save. Requests are answered in order, after the saved state loaded.
 */
export class SearchState {
  readonly #store: SearchStore;
  readonly #ready: Promise<void>;
  #index = new SearchIndex();
  #marks: Record<string, number> = Object.create(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: SearchStore) {
    this.#store = store;
    this.#ready = store
      .load()
      .then((saved) => {
        this.#index = SearchIndex.fromJSON(saved?.index);
        // Marks without an index would skip history that is not indexed.
        if (saved?.index && this.#index.size > 0 && saved.marks) {
          for (const [room, seq] of Object.entries(saved.marks)) {
            if (typeof seq === 'number') this.#marks[room] = seq;
          }
        }
      })
      .catch(() => undefined);
  }

  async handle(request: SearchRequest): Promise<SearchResponse> {
    await this.#ready;
    const { id } = request;
    try {
      switch (request.op) {
        case 'add':
          this.#index.add(request.docs);
          this.#changed();
          return { id, ok: true };
        case 'edit':
          this.#index.edit(request.docId, request.text, request.seq);
          this.#changed();
          return { id, ok: true };
        case 'remove':
          this.#index.remove(request.ids);
          this.#changed();
          return { id, ok: true };
        case 'removeRoom':
          this.#index.removeRoom(request.room);
          delete this.#marks[request.room];
          this.#changed();
          return { id, ok: true };
        case 'search':
          return { id, ok: true, hits: this.#index.search(request.query) };
        case 'marks':
          return { id, ok: true, marks: { ...this.#marks } };
        case 'setMark':
          this.#marks[request.room] = Math.max(this.#marks[request.room] ?? 0, request.seq);
          this.#changed();
          return { id, ok: true };
        case 'flush':
          await this.#save();
          return { id, ok: true };
      }
    } catch (error) {
      return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  #changed(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#save(), SAVE_DELAY_MS);
  }

  async #save(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#store
      .save({ index: this.#index.toJSON(), marks: { ...this.#marks } })
      .catch(() => undefined); // not kept: rebuilt from the message store next time
  }
}
