import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { SUBPROTOCOL } from '@yam/protocol';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Bus } from '../bus/bus.ts';
import type { ServerConfig } from '../config.ts';
import { isAllowedOrigin, misdirectedText, ownOrigin } from '../http/origin.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { clientAddress } from '../net/client-address.ts';
import { ipKey } from '../net/ip-key.ts';
import { IpSlots } from '../net/ip-slots.ts';
import { IpRateLimiter } from '../rate-limit.ts';
import type { Storage } from '../storage/storage.ts';
import { ClientChannels } from './client-channels.ts';
import type { ClusterOptions } from './cluster-presence.ts';
import { Connection } from './connection.ts';
import type { RelayContext } from './context.ts';
import { HandlerRegistry } from './handler-registry.ts';
import type { RelayHost, RelayPlugin } from './relay-plugin.ts';
import { registerRoomHandlers } from './room-handlers.ts';
import { Rooms } from './rooms.ts';

export type RelayParts = {
  config: ServerConfig;
  storage: Storage;
  bus: Bus;
  log: Logger;
  metrics: Metrics;
  /** The features: together with the relay's room handlers they must handle every request type. */
  plugins: readonly RelayPlugin[];
  /** Set when other processes serve the same rooms through `bus`. */
  cluster?: ClusterOptions;
};

/**
 * The WebSocket side of the server: vets upgrades on /ws, owns every connection, and
 * routes each request to the handler a plugin registered for its type.
 */
export class Relay {
  readonly #config: ServerConfig;
  readonly #log: Logger;
  readonly #wss: WebSocketServer;
  readonly #ctx: RelayContext;
  readonly #handlers = new HandlerRegistry<Connection>();
  readonly #connections = new Set<Connection>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #stopResume: () => void;
  /** Open and not yet authenticated sockets per IP (IPv6 per /64). */
  readonly #perIp: { open: IpSlots; unauthenticated: IpSlots };
  #nextId = 1;
  #authenticated = 0;
  #shuttingDown = false;

  constructor(parts: RelayParts) {
    const { config, log } = parts;
    this.#config = config;
    this.#log = log;
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.limits.maxFrameBytes, // [P-LIM1] larger frames close with 1009
      perMessageDeflate: false,
      clientTracking: false,
      // Only yam.v1 is ever selected: anything else offered is never echoed back.
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.#perIp = {
      open: new IpSlots(config.limits.maxConnectionsPerIp),
      unauthenticated: new IpSlots(config.limits.maxUnauthenticatedPerIp),
    };
    this.#ctx = {
      limits: config.limits,
      features: { linkPreviews: config.linkPreviews !== undefined },
      storage: parts.storage,
      rooms: new Rooms(
        parts.bus,
        (error) => log.error({ err: String(error) }, 'fan-out failed'),
        config.limits.presenceGraceMs,
        parts.cluster,
      ),
      clients: new ClientChannels(parts.bus, (error) =>
        log.error({ err: String(error) }, 'client delivery failed'),
      ),
      ipLimiter: new IpRateLimiter(config.limits.ipRatePerSec, config.limits.ipBurst),
      ipBytes: new IpRateLimiter(config.limits.ipBytesPerSec, config.limits.ipBurstBytes),
      ipHistoryBytes: new IpRateLimiter(
        config.limits.ipHistoryBytesPerSec,
        config.limits.ipHistoryBurstBytes,
      ),
      log,
      metrics: parts.metrics,
      track: (work) => {
        this.#inFlight.add(work);
        work.finally(() => this.#inFlight.delete(work));
      },
      isShuttingDown: () => this.#shuttingDown,
    };
    registerRoomHandlers(this.#handlers, this.#ctx);
    const host: RelayHost = {
      on: this.#handlers.on.bind(this.#handlers),
      addHook: this.#handlers.addHook.bind(this.#handlers),
      rooms: this.#ctx.rooms,
      clients: this.#ctx.clients,
    };
    for (const plugin of parts.plugins) plugin(host);
    const missing = this.#handlers.missing();
    if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
    this.#heartbeat = setInterval(() => {
      for (const conn of this.#connections) conn.heartbeat();
      for (const limiter of [this.#ctx.ipLimiter, this.#ctx.ipBytes, this.#ctx.ipHistoryBytes]) {
        limiter.sweep();
      }
    }, config.limits.idleTimeoutMs / 2);
    this.#heartbeat.unref();
    this.#stopResume = parts.bus.onResume(() => this.#busResumed());
  }

  /**
   * The bus was down and is back: frames fanned out meanwhile are lost, so every client is
   * asked to reconnect, and catches up from storage after its last seq as it always does.
   */
  #busResumed(): void {
    if (this.#shuttingDown) return;
    this.#log.warn({ connections: this.#connections.size }, 'bus reconnected; clients resync');
    for (const conn of this.#connections) {
      conn.error('SHUTTING_DOWN', 'the message relay was interrupted; reconnect to catch up');
    }
  }

  /** The http server's 'upgrade' listener. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const origin = ownOrigin(req, this.#config.publicOrigins, this.#config.publicUrl);
      if (!origin) {
        // [P-AUTH6] checked first: a relayed upgrade learns nothing else about this server.
        this.#log.info({ code: 'MISDIRECTED' }, 'upgrade for another host refused');
        refuse(socket, 421, misdirectedText(req, this.#config.publicOrigins));
        return;
      }
      const refusal = this.#vet(req);
      if (refusal === undefined) this.#accept(req, socket, head, origin.origin);
      else if (typeof refusal === 'number') refuse(socket, refusal);
      else refuse(socket, refusal.status, refusal.reason);
    } catch (error) {
      this.#log.error({ err: String(error) }, 'upgrade failed');
      refuse(socket, 500);
    }
  };

  /** The HTTP status (and reason) that refuses this upgrade, or undefined when it may proceed. */
  #vet(req: IncomingMessage): number | { status: number; reason: string } | undefined {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws') return 404;
    if (this.#shuttingDown) return 503;
    if (this.#connections.size >= this.#config.limits.maxConnections) {
      this.#log.warn({ count: this.#connections.size }, 'connection limit reached');
      return { status: 503, reason: 'The server is full. Try again in a few minutes.' };
    }
    const address = clientAddress(req, this.#config.trustProxy);
    if (!this.#config.ipAccess.allows(address)) {
      return { status: 403, reason: IP_REFUSED };
    }
    const ip = ipKey(address);
    if (this.#perIp.open.held(ip) >= this.#config.limits.maxConnectionsPerIp) {
      this.#log.warn({ ip }, 'per-IP connection limit reached');
      this.#ctx.metrics.rateLimited.inc({ kind: 'upgrade' });
      return { status: 429, reason: PER_IP_REFUSAL };
    }
    if (this.#perIp.unauthenticated.held(ip) >= this.#config.limits.maxUnauthenticatedPerIp) {
      this.#log.warn({ ip }, 'per-IP limit of unauthenticated connections reached');
      this.#ctx.metrics.rateLimited.inc({ kind: 'upgrade' });
      return { status: 429, reason: PER_IP_REFUSAL };
    }
    if (!offeredProtocols(req).includes(SUBPROTOCOL)) return 426; // [P-V1]
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, this.#config.allowedOrigins)) {
      this.#log.info({ code: 'FORBIDDEN_ORIGIN' }, 'upgrade from a foreign origin refused');
      return 403;
    }
    return undefined;
  }

  /** `origin`: the one of ours the upgrade addressed, which its challenge binds to. [P-AUTH3] */
  #accept(req: IncomingMessage, socket: Duplex, head: Buffer, origin: string): void {
    const address = clientAddress(req, this.#config.trustProxy);
    const ip = ipKey(address);
    const { open, unauthenticated } = this.#perIp;
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      open.take(ip);
      unauthenticated.take(ip);
      let authenticating = true;
      const authenticated = () => {
        if (!authenticating) return;
        authenticating = false;
        unauthenticated.release(ip);
        this.#authenticated++;
      };
      const conn = new Connection(
        ws,
        { id: this.#nextId++, ip, origin, authenticated, socket },
        this.#ctx,
        this.#handlers,
      );
      this.#connections.add(conn);
      ws.on('close', () => {
        this.#connections.delete(conn);
        open.release(ip);
        if (authenticating) unauthenticated.release(ip);
        else this.#authenticated--;
        authenticating = false;
      });
      this.#log.info({ conn: conn.id, ip: address }, 'connected');
    });
  }

  /** Open WebSocket connections, and those of them past auth (for the metrics). */
  get counts(): { open: number; authenticated: number } {
    return { open: this.#connections.size, authenticated: this.#authenticated };
  }

  /**
   * Graceful stop: refuse new upgrades and frames, let storage writes in flight finish
   * and their acks go out, then tell every client SHUTTING_DOWN and close with 1001.
   */
  async close(): Promise<void> {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    clearInterval(this.#heartbeat);
    this.#stopResume();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    const closed = [...this.#connections].map((conn) => {
      conn.error('SHUTTING_DOWN', 'the server is shutting down; reconnect shortly');
      return conn.closed;
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref());
    await Promise.race([Promise.all(closed), timeout]);
    for (const conn of this.#connections) conn.terminate();
    this.#ctx.rooms.close();
    this.#wss.close();
  }
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
}

/** What a refused address is told, by the web app and the WebSocket alike. */
export const IP_REFUSED =
  'This server does not accept connections from your network address. Ask its operator if you think this is a mistake.';

const PER_IP_REFUSAL =
  'Too many connections from your network address. Close some Yam tabs or devices, or try again in a minute.';

function refuse(socket: Duplex, status: number, body?: string): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  const text = body ?? reason;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
