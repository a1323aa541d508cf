import { MemoryStore } from './memory-store.ts';
import { clientStoreContract } from './store.contract.ts';

clientStoreContract('MemoryStore', { make: () => new MemoryStore() });
