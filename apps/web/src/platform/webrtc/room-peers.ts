import { PeerManager, type YamClient } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';

/** localStorage flags for tests and troubleshooting. */
const RELAY_ONLY = 'yam.p2p.relayOnly';
const DEBUG = 'yam.p2p.debug';

/**
 * The room's PeerManager with the browser's RTCPeerConnection. `yam.p2p.relayOnly=1` in
 * localStorage forces TURN; `yam.p2p.debug=1` exposes the manager as `window.__yamP2P`.
 */
export function createRoomPeers(
  client: YamClient,
  identity: DeviceIdentity,
  room: RoomId,
): { peers: PeerManager; dispose(): void } {
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
    peers: manager,
    dispose() {
      window.removeEventListener('online', onOnline);
      manager.close();
    },
  };
}
