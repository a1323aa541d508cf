import type { ConnectionStatus, YamRooms, YamRoomsEvents } from '@yam/client';
import { type ErrorCode, YamError } from '@yam/protocol';

/*
 * What the tabs of one browser say to each other on the BroadcastChannel of one server
 * (tab-host.ts answers as the leader, tab-link.ts asks as a follower). Everything is
 * structured-clone data; every tab sees every message and keeps what is addressed to it.
 */

/** What a follower reads synchronously, as the leader last saw it. */
export type TabState = {
  status: ConnectionStatus;
  subscribed: string[];
  /** Client IDs online per subscribed room. */
  online: Record<string, string[]>;
  maxBlobBytes: number | undefined;
  previewsOffered: boolean;
};

/** A failure crossing tabs: YamError's code survives, stacks do not. */
export type TabError = { message: string; code?: string; retryAfterMs?: number };

export type TabMessage =
  /** A follower asks who leads (on start). */
  | { t: 'hello'; tab: string }
  /** The leader says it leads (on taking the lock, and to each hello). */
  | { t: 'leader'; id: string; state: TabState }
  /** A follower calls the leader's YamRooms at `path` (e.g. 'history.stored'). */
  | { t: 'call'; tab: string; to: string; id: number; path: string; args: unknown[] }
  | { t: 'reply'; tab: string; id: number; ok: true; value: unknown; state?: TabState }
  | { t: 'reply'; tab: string; id: number; ok: false; error: TabError }
  /** enter()'s onWaiting, for the call `id` of `tab`. */
  | { t: 'waiting'; tab: string; id: number }
  /** An event of the leader's YamRooms (or 'signal', 'blocks'), for every follower. */
  | { t: 'event'; name: string; value: unknown; state?: TabState }
  /** A follower's tab is going away: its subscriptions end. */
  | { t: 'bye'; tab: string };

/** The YamRooms methods a follower may call through the leader, by path. */
export const TAB_CALLS: readonly string[] = [
  'membership',
  'members',
  'memberKeys',
  'markRead',
  'open',
  'erase',
  'ownBody',
  'leave',
  'removeMember',
  'roles',
  'setRole',
  'setMembersMayRemove',
  'openDm',
  'presence.setAway',
  'presence.setTyping',
  'profiles.publish',
  'profiles.open',
  'profiles.meet',
  'history.stored',
  'history.queued',
  'history.page',
  'history.signedEnvelope',
  'history.adoptShared',
  'joins.invite',
  'joins.accept',
  'joins.refuse',
  'blobs.upload',
  'blobs.download',
  'push.serverKey',
  'push.subscribe',
  'push.unsubscribe',
  'mail.get',
  'mail.set',
  'previews.fetch',
  'rtc.iceServers',
  'rtc.signal',
  'blocks.block',
  'blocks.unblock',
  'blocks.list',
  'blocks.has',
];

/** Calls `path` on `target` (a YamRooms): 'history.stored' is target.history.stored(...). */
export function invokePath(target: object, path: string, args: readonly unknown[]): unknown {
  const parts = path.split('.');
  const name = parts.pop() as string;
  let owner = target as Record<string, unknown>;
  for (const part of parts) owner = owner[part] as Record<string, unknown>;
  const fn = owner[name];
  if (typeof fn !== 'function') throw new TypeError(`no method ${path}`);
  return (fn as (...a: unknown[]) => unknown).apply(owner, [...args]);
}

export function toTabError(error: unknown): TabError {
  if (error instanceof YamError) {
    return {
      message: error.message,
      code: error.code,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function fromTabError(error: TabError): Error {
  if (error.code === undefined) return new Error(error.message);
  return new YamError(error.code as ErrorCode, error.message, {
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
  });
}

/** The call went to a leader that is gone; the caller retries with the next one. */
export class LeaderGone extends Error {
  constructor() {
    super('the tab holding the connection went away');
    this.name = 'LeaderGone';
  }
}

/** Every YamRooms event a follower gets, besides 'signal' (rtc) and 'blocks' (block list). */
export const ROOM_EVENTS: readonly (keyof YamRoomsEvents)[] = [
  'message',
  'received',
  'ack',
  'status',
  'synced',
  'presence',
  'activity',
  'typing',
  'profile',
  'joinRequest',
  'joinResult',
  'passwordFailed',
  'roomJoined',
  'removed',
  'membership',
  'read',
  'epoch',
  'error',
];

/** Events after which what a follower reads synchronously (TabState) may have changed. */
export const STATE_EVENTS: readonly string[] = [
  'status',
  'synced',
  'presence',
  'roomJoined',
  'removed',
];

/** Follows every event of `rooms` (with 'signal' and 'blocks'); returns the unsubscriber. */
export function followAll(rooms: YamRooms, fn: (name: string, value: unknown) => void): () => void {
  const offs = ROOM_EVENTS.map((name) => rooms.on(name, (value: unknown) => fn(name, value)));
  offs.push(
    rooms.rtc.on('signal', (value) => fn('signal', value)),
    rooms.blocks.onChange((value) => fn('blocks', value)),
  );
  return () => {
    for (const off of offs.splice(0)) off();
  };
}

/** What followers read synchronously, from the leader's YamRooms now. */
export function snapshot(rooms: YamRooms): TabState {
  const subscribed = rooms.subscribed();
  const online: Record<string, string[]> = {};
  for (const room of subscribed) online[room] = rooms.presence.online(room);
  return {
    status: rooms.status,
    subscribed,
    online,
    maxBlobBytes: rooms.blobs.maxBytes,
    previewsOffered: rooms.previews.offered,
  };
}
