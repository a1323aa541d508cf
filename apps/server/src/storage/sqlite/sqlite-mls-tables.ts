import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  AddJoinResult,
  InboxRecord,
  JoinRequestInput,
  JoinRequestRecord,
} from '../storage.ts';

type JoinRow = {
  id: number;
  room: string;
  client_id: string;
  key_package: Uint8Array;
  mac: Uint8Array | null;
  pake: Uint8Array | null;
  info: Uint8Array | null;
  ts: number;
};

/**
 * The delivery-service tables of SqliteStorage (migration 0002): KeyPackages, Welcome
 * inboxes and join requests. Methods are synchronous; SqliteStorage runs the writing ones
 * inside its write transactions, so they commit (and fsync) with everything else.
 */
export class SqliteMlsTables {
  readonly #kpCount: StatementSync;
  readonly #kpInsert: StatementSync;
  readonly #kpOldest: StatementSync;
  readonly #kpDelete: StatementSync;
  readonly #welcomeInsert: StatementSync;
  readonly #inboxInsert: StatementSync;
  readonly #inboxList: StatementSync;
  readonly #inboxDelete: StatementSync;
  readonly #welcomeGc: StatementSync;
  readonly #joinDeleteSame: StatementSync;
  readonly #joinCountRoom: StatementSync;
  readonly #joinCountClient: StatementSync;
  readonly #joinInsert: StatementSync;
  readonly #joinList: StatementSync;
  readonly #joinTake: StatementSync;

  constructor(db: DatabaseSync) {
    this.#kpCount = db.prepare('SELECT count(*) AS n FROM key_packages WHERE client_id = ?');
    this.#kpInsert = db.prepare('INSERT INTO key_packages (client_id, data) VALUES (?, ?)');
    this.#kpOldest = db.prepare(
      'SELECT id, data FROM key_packages WHERE client_id = ? ORDER BY id LIMIT 1',
    );
    this.#kpDelete = db.prepare('DELETE FROM key_packages WHERE id = ?');
    this.#welcomeInsert = db.prepare(
      'INSERT INTO welcomes (room, from_id, data, ts) VALUES (?, ?, ?, ?) RETURNING id',
    );
    this.#inboxInsert = db.prepare(
      'INSERT INTO inbox (client_id, welcome_id) VALUES (?, ?) RETURNING id',
    );
    this.#inboxList = db.prepare(
      `SELECT i.id, w.room, w.from_id, w.data, w.ts FROM inbox i JOIN welcomes w ON w.id = i.welcome_id
       WHERE i.client_id = ? ORDER BY i.id`,
    );
    this.#inboxDelete = db.prepare(
      'DELETE FROM inbox WHERE client_id = ? AND id = ? RETURNING welcome_id',
    );
    this.#welcomeGc = db.prepare(
      'DELETE FROM welcomes WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM inbox WHERE welcome_id = ?1)',
    );
    this.#joinDeleteSame = db.prepare('DELETE FROM join_requests WHERE room = ? AND client_id = ?');
    this.#joinCountRoom = db.prepare('SELECT count(*) AS n FROM join_requests WHERE room = ?');
    this.#joinCountClient = db.prepare(
      'SELECT count(*) AS n FROM join_requests WHERE client_id = ?',
    );
    this.#joinInsert = db.prepare(
      `INSERT INTO join_requests (room, client_id, key_package, mac, pake, info, ts)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#joinList = db.prepare('SELECT * FROM join_requests WHERE room = ? ORDER BY id');
    this.#joinTake = db.prepare('DELETE FROM join_requests WHERE room = ? AND id = ? RETURNING *');
  }

  keyPackageCount(clientId: string): number {
    return (this.#kpCount.get(clientId) as { n: number }).n;
  }

  putKeyPackages(clientId: string, keyPackages: Uint8Array[], max: number) {
    const count = this.keyPackageCount(clientId);
    if (count + keyPackages.length > max) return { stored: false, count };
    for (const kp of keyPackages) this.#kpInsert.run(clientId, kp);
    return { stored: true, count: count + keyPackages.length };
  }

  claimKeyPackage(clientId: string): Uint8Array | undefined {
    const row = this.#kpOldest.get(clientId) as { id: number; data: Uint8Array } | undefined;
    if (!row) return undefined;
    this.#kpDelete.run(row.id);
    return row.data;
  }

  /** One Welcome row, one inbox item per distinct recipient. [P-DS3] */
  storeWelcome(room: string, from: string, ts: number, to: string[], data: Uint8Array) {
    const { id: welcomeId } = this.#welcomeInsert.get(room, from, data, ts) as { id: number };
    return [...new Set(to)].map((recipient) => {
      const { id } = this.#inboxInsert.get(recipient, welcomeId) as { id: number };
      return { to: recipient, id };
    });
  }

  inbox(clientId: string): InboxRecord[] {
    const rows = this.#inboxList.all(clientId) as {
      id: number;
      room: string;
      from_id: string;
      data: Uint8Array;
      ts: number;
    }[];
    return rows.map((r) => ({ id: r.id, room: r.room, from: r.from_id, data: r.data, ts: r.ts }));
  }

  deleteInboxItem(clientId: string, id: number): boolean {
    const row = this.#inboxDelete.get(clientId, id) as { welcome_id: number } | undefined;
    if (!row) return false;
    this.#welcomeGc.run(row.welcome_id);
    return true;
  }

  addJoinRequest(
    input: JoinRequestInput,
    caps: { perRoom: number; perClient: number },
  ): AddJoinResult {
    // A repeated request replaces the old one, so it never counts against the caps.
    this.#joinDeleteSame.run(input.room, input.from);
    if ((this.#joinCountRoom.get(input.room) as { n: number }).n >= caps.perRoom) {
      return { ok: false, full: 'room' };
    }
    if ((this.#joinCountClient.get(input.from) as { n: number }).n >= caps.perClient) {
      return { ok: false, full: 'client' };
    }
    const { id } = this.#joinInsert.get(
      input.room,
      input.from,
      input.keyPackage,
      input.mac ?? null,
      input.pake ?? null,
      input.info ?? null,
      input.ts,
    ) as { id: number };
    return { ok: true, id };
  }

  joinRequests(room: string): JoinRequestRecord[] {
    return (this.#joinList.all(room) as JoinRow[]).map(toJoin);
  }

  takeJoinRequest(room: string, id: number): JoinRequestRecord | undefined {
    const row = this.#joinTake.get(room, id) as JoinRow | undefined;
    return row && toJoin(row);
  }
}

function toJoin(row: JoinRow): JoinRequestRecord {
  return {
    id: row.id,
    room: row.room,
    from: row.client_id,
    keyPackage: row.key_package,
    ...(row.mac ? { mac: row.mac } : {}),
    ...(row.pake ? { pake: row.pake } : {}),
    ...(row.info ? { info: row.info } : {}),
    ts: row.ts,
  };
}
