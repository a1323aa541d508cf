import type { SearchDoc, SearchHit, SearchQuery } from './search-index.ts';
import type { SearchRequest, SearchResponse } from './search-protocol.ts';
import { SearchState, type SearchStore } from './search-state.ts';

type Send = (request: SearchRequest) => Promise<SearchResponse>;
// Distributes Omit over the request union, so each op keeps its own fields.
type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

/** The app's handle on the message search index (in a worker in the browser). */
export class SearchClient {
  readonly #send: Send;
  readonly #close: () => void;
  #next = 1;

  constructor(send: Send, close: () => void = () => undefined) {
    this.#send = send;
    this.#close = close;
  }

  add(docs: SearchDoc[]): Promise<void> {
    return docs.length ? this.#call({ op: 'add', docs }).then(() => undefined) : Promise.resolve();
  }

  /** An edit of message `docId` by its author; the newest (by seq) wins. */
  edit(docId: string, text: string, seq: number): Promise<void> {
    return this.#call({ op: 'edit', docId, text, seq }).then(() => undefined);
  }

  remove(ids: string[]): Promise<void> {
    return this.#call({ op: 'remove', ids }).then(() => undefined);
  }

  removeRoom(room: string): Promise<void> {
    return this.#call({ op: 'removeRoom', room }).then(() => undefined);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    return (await this.#call({ op: 'search', query })).hits ?? [];
  }

  /** How far each room's stored history is indexed (room key → seq). */
  async marks(): Promise<Record<string, number>> {
    return (await this.#call({ op: 'marks' })).marks ?? {};
  }

  setMark(room: string, seq: number): Promise<void> {
    return this.#call({ op: 'setMark', room, seq }).then(() => undefined);
  }

  /** Writes the index down now (tests; before a page unload). */
  flush(): Promise<void> {
    return this.#call({ op: 'flush' }).then(() => undefined);
  }

  close(): void {
    this.#close();
  }

  async #call(body: Body<SearchRequest>) {
    const response = await this.#send({ ...body, id: this.#next++ } as SearchRequest);
    if (!response.ok) throw new Error(response.error);
    return response;
  }
}

/** The index in a dedicated worker (the browser). */
export function workerSearch(): SearchClient {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, (response: SearchResponse) => void>();
  worker.onmessage = (event: MessageEvent<SearchResponse>) => {
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  };
  return new SearchClient(
    (request) =>
      new Promise((resolve) => {
        waiting.set(request.id, resolve);
        worker.postMessage(request);
      }),
    () => worker.terminate(),
  );
}

/** The index on this thread (tests, and browsers without module workers). */
export function inlineSearch(store?: SearchStore): SearchClient {
  const state = new SearchState(
    store ?? { load: async () => undefined, save: async () => undefined },
  );
  return new SearchClient((request) => state.handle(request));
}
