import type { ClientId, HistoryEvent, RoomId } from '@yam/protocol';
import type { Connection, RequestFrame } from './connection.ts';
import { toReceived } from './convert.ts';
import type { Emitter } from './emitter.ts';
import type { FetchPage } from './sync.ts';
import type { ClientEvents, ConnectionState } from './types.ts';

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

/** What YamClient's parts share: its identity, its events and the connection of the moment. */
export type ClientLink = {
  clientId: ClientId;
  events: Emitter<ClientEvents>;
  /** The current connection's session, if any. */
  session(): Session | undefined;
  /** The authenticated session, once online (connecting when idle). */
  online(): Promise<Session>;
  state(): ConnectionState;
  /** Reports a failure as an `error` event. */
  failed(error: unknown, room?: RoomId): void;
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
