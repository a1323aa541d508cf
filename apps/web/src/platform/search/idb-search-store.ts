import { type DBSchema, openDB } from 'idb';
import type { SearchStore } from './search-state.ts';

type Saved = { index: string; marks: Record<string, number> };

interface SearchSchema extends DBSchema {
  state: { key: string; value: Saved };
}

/** The search index's IndexedDB (this device only; it holds message text, like the history). */
export function idbSearchStore(dbName = 'yam-search'): SearchStore {
  const db = openDB<SearchSchema>(dbName, 1, {
    upgrade(d) {
      d.createObjectStore('state');
    },
  });
  return {
    async load() {
      return (await db).get('state', 'v1');
    },
    async save(state) {
      await (await db).put('state', state, 'v1');
    },
  };
}
