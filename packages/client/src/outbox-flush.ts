import type { DeviceIdentity } from '@yam/crypto';
import { type AckEvent, type RoomId, toBase64Url } from '@yam/protocol';
import type { Connection } from './connection.ts';
import { Dialer } from './dialer.ts';
import type { ClientStore } from './types.ts';

export type FlushOptions = {
  /** The server's http(s) URL (the outbox's store belongs to it). */
  server: string;
  identity: DeviceIdentity;
  store: Pick<ClientStore, 'outboxList' | 'outboxDelete'>;
  WebSocket?: typeof WebSocket;
  /** Gives up (leaving the rest queued) after this long; default 60 s. */
  timeoutMs?: number;
};

/** What a flush did: items the server acknowledged (and left the outbox), and items left. */
export type FlushResult = { sent: number; left: number };

/**
 * Sends what a store's outbox holds over one fresh connection, without the rest of the
 * client: a service worker's Background Sync uses it while no tab is open. Outbox items are
 * MLS ciphertext sealed before they were queued, so no MLS state moves here. Items go in
 * queue order, each removed on its ack; a tab that later resends one gets a duplicate ack
 * (same cmid), not a second message. Rooms the server refuses keep their items for the
 * app to settle. [P-MSG4]
 */
export async function flushOutbox(options: FlushOptions): Promise<FlushResult> {
  const items = await options.store.outboxList();
  if (items.length === 0) return { sent: 0, left: 0 };
  const conn = await connect(options);
  let sent = 0;
  const timer = setTimeout(
    () => void conn.close(4000, 'flush timed out'),
    options.timeoutMs ?? 60_000,
  );
  try {
    const refused = new Set<RoomId>();
    for (const room of new Set(items.map((item) => item.room))) {
      await conn.request({ t: 'sub', room }).catch(() => refused.add(room));
    }
    for (const item of items) {
      if (refused.has(item.room)) continue;
      try {
        await conn.request<AckEvent>({
          t: 'pub',
          room: item.room,
          cmid: item.cmid,
          payload: toBase64Url(item.payload),
          ...(item.mentions?.length ? { mentions: item.mentions } : {}),
        });
      } catch {
        // Refused or cut off: later items of the room would overtake it, so stop the room.
        refused.add(item.room);
        continue;
      }
      await options.store.outboxDelete(item.room, item.cmid);
      sent += 1;
    }
  } finally {
    clearTimeout(timer);
    await conn.close();
  }
  return { sent, left: items.length - sent };
}

/** One authenticated connection, or a rejection when it closes before `ready`. */
function connect(options: FlushOptions): Promise<Connection> {
  const dialer = new Dialer({
    server: options.server,
    identity: options.identity,
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  return new Promise((resolve, reject) => {
    const conn = dialer.dial({
      open: () => undefined,
      ready: () => resolve(conn),
      frame: () => undefined,
      error: () => undefined,
      closed: ({ code }) => reject(new Error(`connection closed (${code}) before it was ready`)),
    });
  });
}
