import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretStoreContract } from '@yam/client/secret-store-contract';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteSecretStore } from '../src/sqlite-secret-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'yam-cli-secrets-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

secretStoreContract(
  'SqliteSecretStore',
  async () => new SqliteSecretStore(join(dir, `c-${n++}.db`)),
);

describe('SqliteSecretStore', () => {
  it('keeps secrets across a reopen; a prefix with LIKE wildcards matches literally', async () => {
    const path = join(dir, 'reopen.db');
    const first = new SqliteSecretStore(path);
    await first.put('invite', 'a_b\n1', Uint8Array.of(1));
    await first.put('invite', 'axb\n1', Uint8Array.of(2));
    first.close();
    const again = new SqliteSecretStore(path);
    expect(await again.get('invite', 'a_b\n1')).toEqual(Uint8Array.of(1));
    expect((await again.list('invite', 'a_b')).map((e) => e.key)).toEqual(['a_b\n1']);
    again.close();
  });
});
