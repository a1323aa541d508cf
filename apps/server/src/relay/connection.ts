import {
  type ClientId,
  type ClientMessage,
  closeCodeOf,
  decodeClientFrame,
  type ErrorCode,
  encodeFrame,
  isFatal,
  isYamError,
  type RoomId,
  type ServerMessage,
} from '@yam/protocol';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { createChallenge, verifyAuth } from './auth.ts';
import type { RelayContext } from './context.ts';
import { FrameLimits } from './frame-limits.ts';
import type { HandlerRegistry } from './handler-registry.ts';
import { HistoryLane } from './history-lane.ts';
import type { Peer } from './relay-plugin.ts';
import type { WireFrame } from './wire-frame.ts';
import { type Corkable, holdWrites } from './write-batch.ts';

/** The upgraded socket under a WebSocket, written to directly with pre-framed bytes. */
export type RawSocket = Corkable & { write(bytes: Buffer): boolean };

/** A slow reader holding more than this in its send buffer is dropped, not buffered forever. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

type State = 'challenging' | 'ready' | 'closing';

export type ConnectionInfo = {
  id: number;
  ip: string;
  /** The origin the challenge binds signatures to: one of the server's own. [P-AUTH3] [P-AUTH6] */
  origin: string;
  /** Called once the connection is authenticated (per-IP count of unauthenticated sockets). */
  authenticated?: () => void;
  /** The upgraded socket under the WebSocket: its writes are batched per event-loop turn. */
  socket?: RawSocket;
};

/** One WebSocket's life: challenge, auth, then requests for the registered handlers until it closes. */
export class Connection implements Peer {
  readonly id: number;
  readonly ip: string;
  readonly rooms = new Set<RoomId>();
  #log: Logger | undefined;
  clientId = '' as ClientId;
  /** Resolves once the socket is closed and the connection has left its rooms. */
  readonly closed: Promise<void>;
  /** Cleared on each ping, set by each pong: false at the next ping means the peer is gone. */
  alive = true;
  readonly #ws: WebSocket;
  readonly #ctx: RelayContext;
  readonly #handlers: HandlerRegistry<Connection>;
  readonly #origin: string;
  readonly #onAuthenticated: (() => void) | undefined;
  readonly #socket: RawSocket | undefined;
  readonly #limits: FrameLimits;
  #pages: HistoryLane | undefined;
  #state: State = 'challenging';
  #challenge: { nonce: string; origin: string; expiresAt: number } | undefined;
  #authTimer: NodeJS.Timeout | undefined;

  constructor(
    ws: WebSocket,
    info: ConnectionInfo,
    ctx: RelayContext,
    handlers: HandlerRegistry<Connection>,
  ) {
    this.id = info.id;
    this.ip = info.ip;
    this.#ws = ws;
    this.#ctx = ctx;
    this.#handlers = handlers;
    this.#origin = info.origin;
    this.#onAuthenticated = info.authenticated;
    this.#socket = info.socket;
    this.#limits = new FrameLimits(ctx, info.ip);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.#onClose(code);
        resolve();
      }),
    );
    ws.on('error', (error) => this.log.debug({ err: error.message }, 'socket error'));
    // Every connection, reconnects included, signs a fresh challenge: no bearer token
    // can stand in for the device key. [P-AUTH5]
    this.#challenge = createChallenge(this.#origin, ctx.limits.challengeTtlMs);
    this.send(this.#challenge as ServerMessage);
    this.#authTimer = setTimeout(() => this.#authTimeout(), ctx.limits.authTimeoutMs);
  }

  /** This connection's logger: made when first used, most idle connections never log. */
  get log(): Logger {
    this.#log ??= this.#ctx.log.child({ conn: this.id });
    return this.#log;
  }

  /** This connection's history pages, one at a time, paced by bytes served. [P-HIST3] */
  get pages(): HistoryLane {
    this.#pages ??= new HistoryLane(this.#ws, this.ip, this.#ctx);
    return this.#pages;
  }

  send(message: ServerMessage): void {
    this.deliver(encodeFrame(message));
  }

  /**
   * Sends an encoded frame. A room's fan-out hands over a WireFrame, encoded and framed once
   * for all members, whose bytes go straight to the socket: safe because ws's sender never
   * queues here (no permessage-deflate, no Blob sends), so every write keeps its order.
   * Everything sent in one event-loop turn leaves in one write (limits.writeDelayMs).
   */
  deliver(frame: string | WireFrame): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return;
    if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ clientId: this.clientId }, 'dropping a connection that does not read');
      this.#ws.terminate();
      return;
    }
    this.#ctx.metrics.framesOut.inc();
    const socket = this.#socket;
    if (!socket) {
      this.#ws.send(String(frame));
      return;
    }
    holdWrites(socket, this.#ctx.limits.writeDelayMs);
    if (typeof frame === 'string') this.#ws.send(frame);
    else socket.write(frame.bytes);
  }

  /** Like deliver(); resolves once the frame has left the send buffer (or the socket is gone). */
  deliverFlushed(frame: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.#ws.readyState !== this.#ws.OPEN) return resolve();
      if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.deliver(frame);
        return resolve();
      }
      this.#ctx.metrics.framesOut.inc();
      this.#ws.send(frame, () => resolve());
    });
  }

  /** Sends a typed error; fatal codes then close with the code's close code. [P-ERR1] */
  error(code: ErrorCode, message: string, rid?: number, retryAfterMs?: number): void {
    this.send({
      t: 'error',
      code,
      message: message.slice(0, 1024),
      ...(rid === undefined ? {} : { rid }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    if (isFatal(code)) this.close(closeCodeOf(code), code);
  }

  /** [P-MEM2] */
  async inRoom(room: RoomId, rid: number | undefined, action: string): Promise<boolean> {
    if (this.rooms.has(room)) return true;
    if (await this.#ctx.storage.isMember(room, this.clientId)) {
      this.error('NOT_SUBSCRIBED', `subscribe to the room to ${action}`, rid);
    } else {
      this.error('NOT_MEMBER', `only members of the room ${action}`, rid);
    }
    return false;
  }

  /** [P-MEM4] Out of the room at once (no presence grace), and told so. */
  evicted(room: RoomId): void {
    if (!this.rooms.delete(room)) return;
    this.#ctx.rooms.leave(room, this, true);
    this.send({
      t: 'error',
      code: 'NOT_MEMBER',
      message: 'a commit removed you from the room',
      room,
    });
    this.log.debug({ clientId: this.clientId, room }, 'removed from room');
  }

  close(code: number, reason: string): void {
    if (this.#state === 'closing') return;
    this.#state = 'closing';
    clearTimeout(this.#authTimer);
    this.#ws.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket open.
    setTimeout(() => this.#ws.terminate(), 5_000).unref();
  }

  terminate(): void {
    this.#ws.terminate();
  }

  /** Pings, or drops the peer when the previous ping got no pong. */
  heartbeat(): void {
    if (!this.alive) {
      this.log.info({ clientId: this.clientId }, 'idle timeout');
      this.#ws.terminate();
      return;
    }
    this.alive = false;
    this.#ws.ping();
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    try {
      this.#receive(data, isBinary);
    } catch (error) {
      // Never let one bad frame take the process (and everyone else) down.
      this.log.error({ err: errorText(error), clientId: this.clientId }, 'frame handling failed');
      this.error('INTERNAL', 'internal error; retry later');
    }
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (this.#state === 'closing') return;
    this.#ctx.metrics.framesIn.inc();
    if (this.#ctx.isShuttingDown()) {
      // Not closed yet: acks of writes still in flight on this socket must get out first.
      this.send({ t: 'error', code: 'SHUTTING_DOWN', message: 'the server is shutting down' });
      return;
    }
    // [P-LIM4] rate limits, frames and bytes, come before any decoding work.
    const wait = this.#limits.take(data);
    if (wait > 0) {
      this.log.warn({ clientId: this.clientId, code: 'RATE_LIMITED' }, 'rate limited');
      this.#ctx.metrics.rateLimited.inc({ kind: 'frames' });
      this.error('RATE_LIMITED', 'too many frames; slow down', undefined, wait);
      return;
    }
    let message: ClientMessage;
    try {
      const frame = toBytesOrText(data, isBinary);
      message = decodeClientFrame(frame, this.#ctx.limits.maxFrameBytes);
    } catch (error) {
      this.#reject(error);
      return;
    }
    if (message.t === 'auth') {
      this.#auth(message.publicKey, message.signature);
      return;
    }
    if (this.#state !== 'ready') {
      this.error('UNAUTHENTICATED', 'answer the challenge with auth first', message.rid);
      return;
    }
    const handler = this.#handlers.handlerOf(message);
    if (!handler) {
      // The relay refuses to start with a request type unhandled; this is a second net.
      this.error('BAD_FRAME', `invalid message at t: no handler for '${message.t}'`, message.rid);
      return;
    }
    const request = message;
    const work = (async () => handler(this, request))().catch((error: unknown) => {
      this.log.error({ err: errorText(error), clientId: this.clientId }, 'request failed');
      this.error('INTERNAL', 'internal error; retry later', request.rid);
    });
    this.#ctx.track(work);
  }

  #reject(error: unknown): void {
    if (isYamError(error)) {
      this.log.debug({ code: error.code, clientId: this.clientId }, 'rejected frame');
      this.error(error.code, error.message, error.rid);
    } else {
      this.log.error({ err: errorText(error) }, 'frame decoding failed');
      this.error('INTERNAL', 'internal error');
    }
  }

  #auth(publicKey: string, signature: string): void {
    const challenge = this.#challenge;
    if (this.#state === 'ready' || !challenge) {
      this.error('BAD_FRAME', 'already authenticated');
      return;
    }
    // Single use: whatever happens next, this nonce is spent. [P-AUTH2]
    this.#challenge = undefined;
    if (Date.now() > challenge.expiresAt) {
      this.error('CHALLENGE_EXPIRED', 'the challenge expired; reconnect for a new one');
      return;
    }
    const clientId = verifyAuth(challenge, publicKey, signature);
    if (!clientId) {
      this.log.info({ code: 'AUTH_FAILED' }, 'auth failed');
      this.error('AUTH_FAILED', 'signature does not verify for this challenge');
      return;
    }
    this.#becomeReady(clientId);
  }

  #becomeReady(clientId: ClientId): void {
    clearTimeout(this.#authTimer);
    this.clientId = clientId;
    this.#state = 'ready';
    this.#onAuthenticated?.();
    const {
      maxFrameBytes,
      maxPayloadBytes,
      maxRoomsPerConnection,
      maxHistoryPage,
      maxHistoryPageBytes,
      maxBlobBytes,
    } = this.#ctx.limits;
    this.send({
      t: 'ready',
      clientId,
      limits: {
        maxFrameBytes,
        maxPayloadBytes,
        maxRoomsPerConnection,
        maxHistoryPage,
        maxHistoryPageBytes,
        maxBlobBytes,
      },
      ...(this.#ctx.features.linkPreviews ? { features: { linkPreviews: true } } : {}),
    });
    this.#ctx.log.info({ conn: this.id, clientId }, 'authenticated');
    // Reachable by client ID before the ready hooks run, so nothing sent meanwhile is lost:
    // a Welcome stored in between arrives live, from the inbox, or both. [P-DS4]
    this.#ctx.clients.attach(this);
    this.#ctx.track(
      // The channel must be live on the bus before the hooks read the inbox from storage.
      this.#ctx.rooms
        .ready()
        .then(() => this.#handlers.ready(this))
        .catch((error: unknown) => {
          this.log.error({ err: errorText(error), clientId }, 'ready hook failed');
        }),
    );
  }

  #authTimeout(): void {
    if (this.#state !== 'challenging') return;
    this.error('UNAUTHENTICATED', 'no auth in time');
    this.close(closeCodeOf('UNAUTHENTICATED'), 'UNAUTHENTICATED');
  }

  #onClose(code: number): void {
    this.#state = 'closing';
    clearTimeout(this.#authTimer);
    for (const room of this.rooms) this.#ctx.rooms.leave(room, this);
    this.rooms.clear();
    if (this.clientId) {
      this.#ctx.clients.detach(this);
      this.#handlers.close(this, (error) =>
        this.log.error({ err: errorText(error), clientId: this.clientId }, 'close hook failed'),
      );
    }
    this.#limits.release();
    this.#ctx.log.info({ conn: this.id, clientId: this.clientId || undefined, code }, 'closed');
  }
}

function toBytesOrText(data: RawData, isBinary: boolean): string | Uint8Array {
  const buffer = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data);
  return isBinary ? buffer : buffer.toString('utf8');
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
