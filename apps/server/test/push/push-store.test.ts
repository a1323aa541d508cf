import { pushStoreContract } from '../../src/push/push-store.contract.ts';
import { SqlitePushStore } from '../../src/push/sqlite-push-store.ts';

pushStoreContract('SqlitePushStore', () => new SqlitePushStore(':memory:'));
