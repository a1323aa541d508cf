/// <reference lib="webworker" />
import { idbSearchStore } from './idb-search-store.ts';
import type { SearchRequest } from './search-protocol.ts';
import { SearchState } from './search-state.ts';

// The search index lives here, off the main thread: indexing and querying thousands of
// messages never stalls typing or scrolling.
const state = new SearchState(idbSearchStore());
let queue = Promise.resolve();

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    self.postMessage(await state.handle(request));
  });
};
