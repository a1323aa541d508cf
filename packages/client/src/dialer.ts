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

/** Resume tokens are not offered this close to expiry. */
const TOKEN_MARGIN_MS = 5_000;

/**
 * Opens connections to one server and decides when to try again: it keeps the resume
 * token (offered as a subprotocol while valid [P-AUTH5]), the reconnect backoff and the
 * frame pacing shared by all connections of a client.
 */
export class Dialer {
  readonly #wsUrl: string;
  readonly #origin: string;
  readonly #identity: DeviceIdentity;
  readonly #WebSocket: typeof WebSocket;
  readonly #backoff: Backoff;
  readonly #limiter: TokenBucket;
  #token: { value: string; expiresAt: number } | undefined;

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
    const token = this.#token;
    return new Connection({
      url: this.#wsUrl,
      origin: this.#origin,
      identity: this.#identity,
      token: token && token.expiresAt - TOKEN_MARGIN_MS > Date.now() ? token.value : undefined,
      WebSocket: this.#WebSocket,
      limiter: this.#limiter,
      handlers,
    });
  }

  /** The current resume token while valid: it also authenticates blob uploads. [P-BLOB1] */
  get token(): string | undefined {
    const token = this.#token;
    return token && token.expiresAt > Date.now() ? token.value : undefined;
  }

  /** A connection authenticated: keep its token and start the backoff over. */
  authenticated(token: string, expiresAt: number): void {
    this.#token = { value: token, expiresAt };
    this.#backoff.reset();
  }

  /** A connection ended: the delay before the next attempt (never before `retryAfterMs`). */
  retryDelay(wasAuthenticated: boolean, retryAfterMs: number): number {
    // A connection that never authenticated may have carried a stale token: drop it.
    if (!wasAuthenticated) this.#token = undefined;
    return Math.max(this.#backoff.next(), retryAfterMs);
  }

  /** The server rate-limited us: send slower from now on, or we would be cut off again. */
  slowDown(): void {
    this.#limiter.slowDown();
  }
}
