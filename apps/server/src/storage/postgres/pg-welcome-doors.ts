import type pg from 'pg';
import type { JoinRequestRecord, WelcomeDoors, WelcomeRefusal } from '../storage.ts';
import { pgInbox } from './pg-inbox-table.ts';
import { pgJoins } from './pg-join-table.ts';
import { lockKey } from './pg-pool.ts';

/**
 * The checks a commit's Welcome passes before anything of the commit is stored [P-DS7],
 * as in SqliteStorage: each recipient asked to join (or the room is their DM), and no
 * recipient's inbox goes over its caps. Each recipient's inbox is locked (in sorted order)
 * first, so commits to different rooms on different servers cannot fill it past a cap.
 */
export async function admitWelcomePg(
  db: pg.PoolClient,
  welcome: { room: string; from: string; to: readonly string[]; bytes: number },
  doors: WelcomeDoors,
): Promise<{ ok: true; answered: JoinRequestRecord[] } | ({ ok: false } & WelcomeRefusal)> {
  const { room, from, bytes } = welcome;
  const recipients = [...new Set(welcome.to)];
  for (const to of [...recipients].sort()) await lockKey(db, `inbox:${to}`);
  const viaJoin: string[] = [];
  for (const to of recipients) {
    const dm = doors.isDmOf(room, from, to);
    if (!dm && !(await pgJoins.pending(db, room, to, doors.joinsNotBefore))) {
      return { ok: false, to, why: 'no-request' };
    }
    if (!dm) viaJoin.push(to);
    const use = await pgInbox.usage(db, to, room, doors.inboxNotBefore);
    const full =
      use.items + 1 > doors.maxItems ||
      use.bytes + bytes > doors.maxBytes ||
      (dm &&
        (use.inRoom > 0 ||
          use.dmItems + 1 > doors.maxDmItems ||
          use.dmBytes + bytes > doors.maxDmBytes));
    if (full) return { ok: false, to, why: 'inbox-full' };
  }
  const answered: JoinRequestRecord[] = [];
  for (const to of viaJoin) {
    const taken = await pgJoins.takeFor(db, room, to, doors.joinsNotBefore);
    if (taken) answered.push(taken);
  }
  return { ok: true, answered };
}
