import { secretStoreContract } from './secret-store.contract.ts';
import { MemorySecretStore } from './secret-store.ts';

secretStoreContract('MemorySecretStore', async () => new MemorySecretStore());
