import type { RoomId } from '@yam/protocol';
import type { RelayPlugin, StoredAppMessage } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import { allowedEndpoint } from './endpoint-policy.ts';
import type { PushSender } from './push-sender.ts';
import type { PushStore } from './push-store.ts';

/** The cmid prefix clients give their control messages (routing data the server sees anyway). */
export const CONTROL_CMID_PREFIX = 'ctl-';

export type PushPluginOptions = {
  store: PushStore;
  sender: PushSender;
  storage: Pick<Storage, 'isMember' | 'roster'>;
  vapidPublicKey: string;
  /** Push service hosts endpoints may point at (`PUSH_SERVICE_HOSTS`). */
  allowedHosts: readonly string[];
  /** Endpoints (devices, browsers) one client ID may hold. */
  maxPerClient: number;
  /** Where the MLS delivery service reports queued join requests (the composition root wires it). */
  joinRequests?: { listen(onQueued: (room: string) => void): void };
};

/**
 * `push.key`, `push.subscribe`, `push.unsubscribe`, and the `stored` hook that pushes each
 * new message to the other members' subscriptions (members only, by the roster as it is
 * at send time; clients connected to the room in this process get it live instead). [P-PUSH1..3]
 */
export function pushHandlers(options: PushPluginOptions): RelayPlugin {
  const { store, sender, storage } = options;
  return (relay) => {
    relay.on('push.key', (peer, req) => {
      peer.send({ t: 'push.key.is', rid: req.rid, key: options.vapidPublicKey });
    });

    relay.on('push.subscribe', async (peer, req) => {
      if (!allowedEndpoint(req.endpoint, options.allowedHosts)) {
        peer.error('NOT_ALLOWED', 'this push endpoint is not a known push service', req.rid);
        return;
      }
      const rooms = [...new Set(req.rooms)];
      for (const room of rooms) {
        if (!(await storage.isMember(room, peer.clientId))) {
          peer.error('NOT_MEMBER', 'push only for rooms you are a member of', req.rid);
          return;
        }
      }
      const known = await store.has(peer.clientId, req.endpoint);
      if (!known && (await store.countFor(peer.clientId)) >= options.maxPerClient) {
        peer.error('QUOTA_EXCEEDED', `at most ${options.maxPerClient} push subscriptions`, req.rid);
        return;
      }
      await store.put(
        { clientId: peer.clientId, endpoint: req.endpoint, p256dh: req.p256dh, auth: req.auth },
        rooms,
      );
      peer.send({ t: 'push.subscribed', rid: req.rid, rooms: rooms.length });
    });

    relay.on('push.unsubscribe', async (peer, req) => {
      await store.remove(peer.clientId, req.endpoint);
      peer.send({ t: 'push.unsubscribed', rid: req.rid });
    });

    options.joinRequests?.listen((room) => {
      void pushJoin(room, relay.rooms.connected(room as RoomId)).catch(() => undefined);
    });

    relay.addHook('stored', (peer, message) => {
      void pushStored(message, relay.rooms.connected(message.room)).catch((error: unknown) =>
        peer.log.warn({ room: message.room, err: String(error) }, 'push fan-out failed'),
      );
    });
  };

  /** [P-PUSH6] Members not connected to the room learn that someone is waiting. */
  async function pushJoin(room: string, online: readonly string[]): Promise<void> {
    const subscriptions = await store.forRoom(room);
    if (subscriptions.length === 0) return;
    const live = new Set(online);
    const roster = new Set((await storage.roster(room)).map((r) => r.clientId));
    const targets = subscriptions.filter((s) => roster.has(s.clientId) && !live.has(s.clientId));
    if (targets.length > 0) sender.notifyJoin(room, targets);
  }

  async function pushStored(message: StoredAppMessage, online: readonly string[]): Promise<void> {
    // Control messages between members' clients (room secrets, leave notices) are never shown.
    if (message.cmid.startsWith(CONTROL_CMID_PREFIX)) return;
    const subscriptions = await store.forRoom(message.room);
    if (subscriptions.length === 0) return;
    const live = new Set(online);
    const roster = new Set((await storage.roster(message.room)).map((r) => r.clientId));
    const targets = subscriptions.filter(
      (s) => s.clientId !== message.from && roster.has(s.clientId) && !live.has(s.clientId),
    );
    if (targets.length > 0) sender.notify(message, targets);
  }
}
