import { PeerManager, type YamClient } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';

/** localStorage flags for tests and troubleshooting. */
const RELAY_ONLY = 'yam.p2p.relayOnly';
const DEBUG = 'yam.p2p.debug';

type Shared = { manager: PeerManager; users: number; dispose(): void };

/**
 * One PeerManager per (client, room): every manager answers the room's signals, so two
 * for one room (files, images, history) would fight over each offer. Features share it
 * and each registers its own channel label with `handle`.
 */
const shared = new WeakMap<YamClient, Map<RoomId, Shared>>();

/**
 * The room's PeerManager with the browser's RTCPeerConnection, shared by the room's
 * features; `dispose` releases this user's share and closes it after the last one.
 * `yam.p2p.relayOnly=1` in localStorage forces TURN; `yam.p2p.debug=1` exposes the
 * manager as `window.__yamP2P`.
 */
export function createRoomPeers(
  client: YamClient,
  identity: DeviceIdentity,
  room: RoomId,
): { peers: PeerManager; dispose(): void } {
  let rooms = shared.get(client);
  if (!rooms) {
    rooms = new Map();
    shared.set(client, rooms);
  }
  const byRoom = rooms;
  let entry = byRoom.get(room);
  if (!entry) entry = open(client, identity, room, () => byRoom.delete(room));
  byRoom.set(room, entry);
  entry.users++;
  const held = entry;
  let released = false;
  return {
    peers: held.manager,
    dispose() {
      if (released) return;
      released = true;
      if (--held.users === 0) held.dispose();
    },
  };
}

function open(client: YamClient, identity: DeviceIdentity, room: RoomId, forget: () => void) {
  const manager = new PeerManager({
    client,
    identity,
    room,
    RTCPeerConnection: globalThis.RTCPeerConnection,
    iceTransportPolicy: localStorage.getItem(RELAY_ONLY) === '1' ? 'relay' : 'all',
  });
  const onOnline = () => manager.restartIce();
  window.addEventListener('online', onOnline);
  if (localStorage.getItem(DEBUG) === '1') {
    (globalThis as { __yamP2P?: PeerManager }).__yamP2P = manager;
  }
  return {
    manager,
    users: 0,
    dispose() {
      forget();
      window.removeEventListener('online', onOnline);
      manager.close();
    },
  };
}
