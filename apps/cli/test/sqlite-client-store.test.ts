import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientStoreContract } from '@yam/client/store-contract';
import type { ClientMsgId, RoomId } from '@yam/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteClientStore } from '../src/sqlite-client-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'yam-cli-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

clientStoreContract('SqliteClientStore', {
  make: () => new SqliteClientStore(join(dir, `contract-${n++}.db`)),
  close: (store) => (store as SqliteClientStore).close(),
});

describe('SqliteClientStore', () => {
  it('keeps the outbox, cursors and messages across a reopen (a restarted process resends)', async () => {
    const path = join(dir, 'reopen.db');
    const room = 'r1' as RoomId;
    const first = new SqliteClientStore(path);
    await first.outboxPut({
      room,
      cmid: 'cmid-0001' as ClientMsgId,
      payload: new Uint8Array([9]),
      queuedAt: 5,
    });
    await first.setCursor(room, 12);
    first.close();
    const second = new SqliteClientStore(path);
    const items = await second.outboxList();
    expect(items.map((i) => i.cmid)).toEqual(['cmid-0001']);
    expect([...items[0]!.payload]).toEqual([9]);
    expect(await second.getCursor(room)).toBe(12);
    second.close();
  });
});
