import type { JoinRequestRecord, WelcomeDoors, WelcomeRefusal } from '../storage.ts';
import type { SqliteInboxTable } from './sqlite-inbox-table.ts';
import type { SqliteJoinTable } from './sqlite-join-table.ts';

/**
 * The checks a commit's Welcome passes before anything of the commit is stored [P-DS7]:
 * every recipient asked to join the room (an unexpired join request, which the Welcome
 * then answers and takes) or the room is the DM of sender and recipient (one waiting DM
 * Welcome per room), and no recipient's inbox goes over its caps. All recipients are
 * checked before any request is taken, so a refusal changes nothing.
 */
export function admitWelcome(
  tables: { joins: SqliteJoinTable; inbox: SqliteInboxTable },
  welcome: { room: string; from: string; to: readonly string[]; bytes: number },
  doors: WelcomeDoors,
): { ok: true; answered: JoinRequestRecord[] } | ({ ok: false } & WelcomeRefusal) {
  const { room, from, bytes } = welcome;
  const recipients = [...new Set(welcome.to)];
  const viaJoin: string[] = [];
  for (const to of recipients) {
    const dm = doors.isDmOf(room, from, to);
    if (!dm && !tables.joins.pending(room, to, doors.joinsNotBefore)) {
      return { ok: false, to, why: 'no-request' };
    }
    if (!dm) viaJoin.push(to);
    const use = tables.inbox.usage(to, room, doors.inboxNotBefore);
    const full =
      use.items + 1 > doors.maxItems ||
      use.bytes + bytes > doors.maxBytes ||
      (dm &&
        (use.inRoom > 0 ||
          use.dmItems + 1 > doors.maxDmItems ||
          use.dmBytes + bytes > doors.maxDmBytes));
    if (full) return { ok: false, to, why: 'inbox-full' };
  }
  const answered = viaJoin.flatMap(
    (to) => tables.joins.takeFor(room, to, doors.joinsNotBefore) ?? [],
  );
  return { ok: true, answered };
}
