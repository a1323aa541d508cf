import type { SecureEvents } from '@yam/client/transport';
import { epochOf } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from '../integration/sdk-harness.ts';

export { waitUntil } from '../integration/sdk-harness.ts';

import {
  closeSecureMembers,
  type SecureMember,
  secureMember,
} from '../integration/secure-harness.ts';

/** A member that records the texts it opens and the membership lines its timeline gets. */
export type RecordingMember = SecureMember & {
  texts: string[];
  lines: SecureEvents['membership'][];
};

/** A real server (its storage at hand, for roster checks) and a room of three members. */
export type RoomOfThree = {
  server: TestServer;
  storage: SqliteStorage;
  room: RoomId;
  members: [RecordingMember, RecordingMember, RecordingMember];
  /** Each member's group epoch (-1 without a group). */
  epoch(m: RecordingMember): Promise<number>;
  /** The room's roster on the server, sorted. */
  roster(): Promise<string[]>;
  close(): Promise<void>;
};

/** The first member creates `room` and invites the other two; all three read a first text. */
export async function roomOfThree(room: RoomId): Promise<RoomOfThree> {
  const storage = new SqliteStorage(':memory:');
  const server = await startTestServer({ storage });
  const member = async (): Promise<RecordingMember> => {
    const texts: string[] = [];
    const lines: SecureEvents['membership'][] = [];
    const m = await secureMember(server.url, {
      listen: (secure) => {
        secure.on('message', (msg) => msg.body && texts.push(untext(msg.body)));
        secure.on('membership', (e) => lines.push(e));
      },
    });
    return { ...m, texts, lines };
  };
  const members: RoomOfThree['members'] = [await member(), await member(), await member()];
  const [first, ...others] = members;
  await first.secure.createRoom(room);
  for (const m of others) {
    const inviteKey = await first.secure.createInvite(room);
    await m.secure.join(room, { inviteKey, timeoutMs: 15_000 });
  }
  await first.secure.send(room, text('hello both'));
  for (const m of others) await waitFor(() => m.texts.includes('hello both'), 'they read');
  return {
    server,
    storage,
    room,
    members,
    async epoch(m) {
      const group = await m.secure.group(room);
      return group ? Number(epochOf(group)) : -1;
    },
    async roster() {
      return (await storage.roster(room)).map((e) => e.clientId).sort();
    },
    async close() {
      await closeSecureMembers();
      await server.stop();
    },
  };
}
