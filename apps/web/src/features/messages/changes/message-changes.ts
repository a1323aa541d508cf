import { mayDelete } from '../../../session/delete-rule.ts';
import type { RoomRoles } from '../../../session/room-ports.ts';
import type { TimelineItem } from '../timeline-item.ts';

/**
 * Folds edits and deletes into the messages they change. Both are messages too (signed
 * by their sender, stored, in seq order) but never bubbles. The rules every device applies
 * the same way, whatever order history arrives in:
 * - an edit changes only a message by its own sender (the key is `<edit's sender>:<to>`,
 *   so an edit naming someone else's message finds nothing); the highest seq wins;
 * - a delete applies when its sender wrote the message, or holds the owner or admin role
 *   now (an admin not over the owner): a moderator's delete names the author it removes;
 * - a deleted message is a tombstone: text, image, quote, mentions and reactions gone,
 *   later edits ignored.
 * Changes to messages not loaded (yet) wait silently until their target is.
 */
export function applyChanges(
  items: readonly TimelineItem[],
  roles: RoomRoles | undefined,
): TimelineItem[] {
  const edits = new Map<string, TimelineItem>();
  const deletes = new Map<string, TimelineItem>();
  const shown: TimelineItem[] = [];
  for (const item of items) {
    if (item.edit) {
      const target = `${item.from}:${item.edit.to}`;
      const held = edits.get(target);
      if (!held || order(item) >= order(held)) edits.set(target, item);
    } else if (item.deletion) {
      const { to, author } = item.deletion;
      if (mayDelete(roles, item.from, author)) {
        const target = `${author}:${to}`;
        if (!deletes.has(target)) deletes.set(target, item);
      }
    } else {
      shown.push(item);
    }
  }
  if (edits.size === 0 && deletes.size === 0) return shown;
  return shown.map((item) => {
    if (item.membership) return item;
    const deletion = deletes.get(item.key);
    if (deletion) return tombstone(item, deletion);
    const edit = edits.get(item.key)?.edit;
    if (!edit || item.unreadable) return item;
    const { mentions: _old, ...rest } = item;
    return {
      ...rest,
      text: edit.text,
      edited: true,
      ...(edit.mentions?.length ? { mentions: edit.mentions } : {}),
    };
  });
}

/** The target keys a timeline's deletes take back (for forgetting their text). */
export function deletedKeys(
  items: readonly TimelineItem[],
  roles: RoomRoles | undefined,
): Set<string> {
  const keys = new Set<string>();
  for (const i of items) {
    if (i.deletion && mayDelete(roles, i.from, i.deletion.author)) {
      keys.add(`${i.deletion.author}:${i.deletion.to}`);
    }
  }
  return keys;
}

function tombstone(item: TimelineItem, deletion: TimelineItem): TimelineItem {
  return {
    key: item.key,
    cmid: item.cmid,
    seq: item.seq,
    from: item.from,
    own: item.own,
    name: item.name,
    text: '',
    ts: item.ts,
    status: item.status,
    deleted: { by: deletion.from, name: deletion.name },
    ...(item.thread ? { thread: item.thread } : {}),
  };
}

/** Stored changes in seq order; own queued ones (no seq yet) come last. */
function order(item: TimelineItem): number {
  return item.seq ?? Number.MAX_SAFE_INTEGER;
}
