import type { HistoryEvent, RoomId } from '@yam/protocol';
import type { Connection, RequestFrame } from './connection.ts';
import { toReceived } from './convert.ts';
import type { FetchPage } from './sync.ts';

/** Everything that lives and dies with one WebSocket connection. */
export type Session = {
  conn: Connection;
  /** `ready` arrived: requests may be sent. */
  authed: boolean;
  subscribed: Set<RoomId>;
  /** Subscriptions in progress or done, so concurrent joins share one request. */
  subscribing: Map<RoomId, Promise<void>>;
  /** Rooms whose queued outbox was flushed after catch-up: new sends go out at once. */
  flushed: Set<RoomId>;
  /** Outbox items published on this connection (resent only on the next one). */
  sent: Set<string>;
};

/** A session for `conn`, not yet authenticated. */
export function newSession(conn: Connection): Session {
  return {
    conn,
    authed: false,
    subscribed: new Set(),
    subscribing: new Map(),
    flushed: new Set(),
    sent: new Set(),
  };
}

/** History pages of `room` over this session, for RoomSync's catch-up. */
export function historyFetcher(session: Session, room: RoomId, pageSize: number): FetchPage {
  return async ({ after }) => {
    const frame: RequestFrame =
      after === undefined ? { t: 'hist', room } : { t: 'hist', room, after, limit: pageSize };
    const page = await session.conn.request<HistoryEvent>(frame);
    return { messages: page.messages.map(toReceived), hasMore: page.hasMore };
  };
}
