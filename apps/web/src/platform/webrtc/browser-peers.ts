/** localStorage flags for tests and troubleshooting. */
const RELAY_ONLY = 'yam.p2p.relayOnly';
const DEBUG = 'yam.p2p.debug';

/** What a PeerManager needs from the browser, and the browser's hooks around it. */
export type BrowserPeers = {
  RTCPeerConnection: typeof RTCPeerConnection;
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Calls `restart` when the network comes back; returns the function that stops it. */
  onOnline(restart: () => void): () => void;
  /** With `yam.p2p.debug=1`, exposes the room's manager as `window.__yamP2P`. */
  expose(manager: unknown): void;
};

/** The browser's RTCPeerConnection; `yam.p2p.relayOnly=1` in localStorage forces TURN. */
export function browserPeers(): BrowserPeers {
  return {
    RTCPeerConnection: globalThis.RTCPeerConnection,
    iceTransportPolicy: localStorage.getItem(RELAY_ONLY) === '1' ? 'relay' : 'all',
    onOnline(restart) {
      window.addEventListener('online', restart);
      return () => window.removeEventListener('online', restart);
    },
    expose(manager) {
      if (localStorage.getItem(DEBUG) === '1') {
        (globalThis as { __yamP2P?: unknown }).__yamP2P = manager;
      }
    },
  };
}
