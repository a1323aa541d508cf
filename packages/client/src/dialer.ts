import type { DeviceIdentity } from '@yam/crypto';
import { LIMITS, serverOrigin, webSocketUrl } from '@yam/protocol';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { Connection, type ConnectionHandlers } from './connection.ts';
import { TokenBucket } from './token-bucket.ts';

export type DialerOptions = {
  server: string;
  identity: DeviceIdentity;
  WebSocket?: typeof WebSocket;
  backoff?: BackoffOptions;
  rate?: { perSec: number; burst: number };
};

/**
 * Opens connections to one server and decides when to try again: it keeps the reconnect
 * backoff and the frame pacing shared by all connections of a client. Each connection
 * authenticates afresh with the device key; there is no resume token to keep. [P-AUTH5]
 */
export class Dialer {
  readonly #wsUrl: string;
  readonly #origin: string;
  readonly #identity: DeviceIdentity;
  readonly #WebSocket: typeof WebSocket;
  readonly #backoff: Backoff;
  readonly #limiter: TokenBucket;

  constructor(options: DialerOptions) {
    // Both throw on a malformed server URL: fail at construction, not in a retry loop.
    this.#wsUrl = webSocketUrl(options.server);
    this.#origin = serverOrigin(options.server);
    this.#identity = options.identity;
    const WS = options.WebSocket ?? globalThis.WebSocket;
    if (!WS) throw new TypeError('no WebSocket implementation: pass options.WebSocket');
    this.#WebSocket = WS;
    this.#backoff = new Backoff(options.backoff);
    // Stay below the server's per-connection rate: exceeding it closes the connection. [P-LIM4]
    const rate = options.rate ?? {
      perSec: LIMITS.connectionRatePerSec * 0.9,
      burst: LIMITS.connectionBurst - 4,
    };
    this.#limiter = new TokenBucket(rate.perSec, rate.burst);
  }

  /** Opens a new connection. */
  dial(handlers: ConnectionHandlers): Connection {
    return new Connection({
      url: this.#wsUrl,
      origin: this.#origin,
      identity: this.#identity,
      WebSocket: this.#WebSocket,
      limiter: this.#limiter,
      handlers,
    });
  }

  /** A connection authenticated: start the backoff over. */
  authenticated(): void {
    this.#backoff.reset();
  }

  /** A connection ended: the delay before the next attempt (never before `retryAfterMs`). */
  retryDelay(retryAfterMs: number): number {
    return Math.max(this.#backoff.next(), retryAfterMs);
  }

  /** The server rate-limited us: send slower from now on, or we would be cut off again. */
  slowDown(): void {
    this.#limiter.slowDown();
  }
}
