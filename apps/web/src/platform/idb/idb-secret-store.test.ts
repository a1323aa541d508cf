import 'fake-indexeddb/auto';
// The contract suite lives beside the SDK's secure layer.
import { secretStoreContract } from '../../../../../packages/client/src/secure/secret-store.contract.ts';
import { IdbSecretStore } from './idb-secret-store.ts';

let n = 0;
secretStoreContract('IdbSecretStore', async () => new IdbSecretStore(`http://secret-${++n}.test`));
