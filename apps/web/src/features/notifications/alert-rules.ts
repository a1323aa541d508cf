import type { NotifyLevel } from '../../session/notification-settings.ts';

/** How recent a message must be to alert: older ones are history caught up after a reconnect. */
export const FRESH_MS = 60_000;

/** What a message is to this person, for the room's "Notify me" level. */
export type AlertFacts = { level: NotifyLevel; dm: boolean; mentioned: boolean };

/** "All messages" alerts on everything; "Mentions only" on mentions and DMs; "Nothing" never. */
export function shouldAlert(facts: AlertFacts): boolean {
  switch (facts.level) {
    case 'all':
      return true;
    case 'mentions':
      return facts.dm || facts.mentioned;
    case 'nothing':
      return false;
  }
}

/** True when `text` names `name` as an @mention (whole word, any case). */
export function mentions(text: string, name: string): boolean {
  const trimmed = name.trim();
  if (!trimmed) return false;
  const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w])`, 'iu').test(text);
}

/** The tab title: "(3) Weekend plans · Yam", or without the count when nothing is unread. */
export function attentionTitle(unread: number, roomName: string | undefined): string {
  const base = roomName ? `${roomName} · Yam` : 'Yam';
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}

/** A notification's text: the message, or none when the person hides content. */
export function notificationText(
  author: string,
  room: string,
  text: string | undefined,
  hide: boolean,
): { title: string; body: string } {
  if (hide || text === undefined) return { title: room, body: `New message in ${room}` };
  return {
    title: `${author} in ${room}`,
    body: text.length > 200 ? `${text.slice(0, 199)}…` : text,
  };
}

/**
 * A file offer's notification: "Alice wants to send you report.pdf" (or "3 files"); the
 * file names are content, so "hide content" leaves only that a file waits in the room.
 */
export function fileOfferText(
  author: string,
  room: string,
  files: readonly { name: string }[],
  hide: boolean,
): { title: string; body: string } {
  if (hide) return { title: room, body: `Someone wants to send you a file in ${room}` };
  const what = files.length === 1 ? files[0]!.name : `${files.length} files`;
  return { title: room, body: `${author} wants to send you ${what}` };
}
