import { SUBPROTOCOL, webSocketUrl } from '@yam/protocol';

const TIMEOUT_MS = 6000;

/**
 * Whether a Yam server answers at `server`. The app's own server is asked for /healthz;
 * another origin is tried by opening its WebSocket, because the page's CSP lets fetch()
 * reach only 'self' while WebSockets may go anywhere (and that is what the app needs).
 */
export async function probeServer(server: string, appOrigin: string): Promise<boolean> {
  if (new URL(server).origin === appOrigin) return probeHealth(server);
  return probeWebSocket(server);
}

async function probeHealth(server: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('healthz', server), {
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function probeWebSocket(server: string): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      // The server refuses an upgrade without its subprotocol, so offer it like the SDK.
      socket = new WebSocket(webSocketUrl(server), SUBPROTOCOL);
    } catch {
      resolve(false);
      return;
    }
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.onopen = socket.onerror = socket.onclose = null;
      if (socket.readyState <= WebSocket.OPEN) socket.close(1000, 'probe');
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), TIMEOUT_MS);
    socket.onopen = () => finish(true);
    socket.onerror = () => finish(false);
    socket.onclose = () => finish(false);
  });
}
