import { decodeContent, type OpenedMessage } from '@yam/client';
import type { RoomRoles } from './room-ports.ts';

/**
 * Whether `sender` may delete a message by `author`: their own always; someone else's
 * only as owner, or as admin when the author is not the owner. Roles are the group's
 * now (the SDK keeps no history of roles). A room without roles has no moderators.
 */
export function mayDelete(roles: RoomRoles | undefined, sender: string, author: string): boolean {
  if (sender === author) return true;
  if (!roles) return false;
  const role = roles.roles[sender] ?? 'member';
  if (role === 'owner') return true;
  return role === 'admin' && roles.roles[author] !== 'owner';
}

/** What erasing deleted messages in the background needs of a server session. */
export type EraseSource = {
  roles(room: OpenedMessage['room']): Promise<RoomRoles | undefined>;
  erase(room: OpenedMessage['room'], from: string, cmid: string): Promise<void>;
};

/**
 * Erases a deleted message's text as soon as the delete arrives, in any room, open or not
 * (the open room's timeline erases its edits too, and what arrived before this ran). A
 * delete from someone who is neither the author nor a moderator erases nothing.
 */
export async function eraseIfDeleted(source: EraseSource, m: OpenedMessage): Promise<boolean> {
  const content = m.body ? decodeContent(m.body) : undefined;
  if (content?.type !== 'delete') return false;
  const roles = m.from === content.author ? undefined : await source.roles(m.room);
  if (!mayDelete(roles, m.from, content.author)) return false;
  await source.erase(m.room, content.author, content.to);
  return true;
}
