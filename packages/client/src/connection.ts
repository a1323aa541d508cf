import { type DeviceIdentity, signAuthChallenge } from '@yam/crypto';
import {
  authMessage,
  type ClientMessage,
  decodeServerFrame,
  ErrorCode,
  encodeFrame,
  isFatal,
  isYamError,
  LIMITS,
  maxServerFrameBytes,
  type ReadyEvent,
  type ServerMessage,
  SUBPROTOCOL,
  toBase64Url,
  YamError,
} from '@yam/protocol';
import { errorFromFrame } from './epoch-conflict.ts';
import type { TokenBucket } from './token-bucket.ts';
import type { ClientErrorInfo } from './types.ts';

/** Frames that expect a reply, without the request ID (the connection assigns it). */
export type RequestFrame = ClientMessage extends infer M
  ? M extends { rid: number }
    ? Omit<M, 'rid'>
    : never
  : never;

type Reply = Extract<ServerMessage, { rid: number }>;

export type ConnectionHandlers = {
  /** The socket is open; the auth handshake starts. */
  open(): void;
  /** Authenticated: the server accepted this device's signature over its fresh challenge. */
  ready(event: ReadyEvent): void;
  /** A frame that is not a reply: msg, presence, and errors without a request ID. */
  frame(frame: ServerMessage): void;
  error(info: ClientErrorInfo): void;
  /** The socket is gone; `error` is the fatal error the server sent before closing, if any. */
  closed(info: { code: number; error?: ClientErrorInfo }): void;
};

export type ConnectionOptions = {
  url: string;
  /** The http(s) origin the server must bind its challenge to. [P-AUTH3] */
  origin: string;
  identity: DeviceIdentity;
  WebSocket: typeof WebSocket;
  limiter: TokenBucket;
  handlers: ConnectionHandlers;
};

/** Thrown to pending requests when the socket closes before their reply. */
class ConnectionLostError extends YamError {
  constructor() {
    super(ErrorCode.Internal, 'connection lost');
  }
}

/** The error pending requests get when the socket closes before their reply. */
const connectionLost = (): YamError => new ConnectionLostError();

/** Whether an error only says the connection went away (the client retries by itself). */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof ConnectionLostError;
}

/**
 * One WebSocket and everything that dies with it: the auth handshake, request IDs and
 * their pending replies, and the paced send queue.
 */
export class Connection {
  readonly #ws: WebSocket;
  readonly #options: ConnectionOptions;
  readonly #pending = new Map<number, { resolve(r: Reply): void; reject(e: unknown): void }>();
  #nextRid = 1;
  #sendChain: Promise<void> = Promise.resolve();
  #fatal: ClientErrorInfo | undefined;
  #isClosed = false;
  /** Raised to the agreed history page size once `ready.limits` says it. [P-HIST3] */
  #maxFrameBytes = LIMITS.maxFrameBytes * 2;
  readonly closed: Promise<void>;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    // No bearer token rides along: every connection signs a fresh challenge. [P-AUTH5]
    this.#ws = new options.WebSocket(options.url, [SUBPROTOCOL]);
    this.#ws.binaryType = 'arraybuffer';
    let resolveClosed!: () => void;
    this.closed = new Promise((resolve) => {
      resolveClosed = resolve;
    });
    this.#ws.addEventListener('open', () => options.handlers.open());
    this.#ws.addEventListener('message', (event) => this.#onMessage(event.data));
    this.#ws.addEventListener('close', (event) => {
      this.#isClosed = true;
      for (const pending of this.#pending.values()) pending.reject(connectionLost());
      this.#pending.clear();
      options.handlers.closed({ code: event.code, ...(this.#fatal ? { error: this.#fatal } : {}) });
      resolveClosed();
    });
  }

  get isOpen(): boolean {
    return !this.#isClosed && this.#ws.readyState === this.#ws.OPEN;
  }

  /** Sends a request and resolves with its reply; rejects with the server's YamError. */
  request<R extends Reply = Reply>(frame: RequestFrame): Promise<R> {
    if (this.#isClosed) return Promise.reject(connectionLost());
    const rid = this.#nextRid++;
    return new Promise<R>((resolve, reject) => {
      this.#pending.set(rid, { resolve: resolve as (r: Reply) => void, reject });
      this.#send({ ...frame, rid } as ClientMessage);
    });
  }

  /** Sends a frame that gets no reply (typing, signal), in order with requests. [P-TYPE1] [P-SIG1] */
  notify(frame: Extract<ClientMessage, { t: 'typing' | 'activity' | 'signal' }>): void {
    if (!this.#isClosed) this.#send(frame);
  }

  /** Closes the socket; `closed` resolves once it is gone. */
  close(code = 1000, reason = ''): Promise<void> {
    if (this.#ws.readyState !== this.#ws.CLOSED && this.#ws.readyState !== this.#ws.CLOSING) {
      this.#ws.close(code, reason);
    }
    return this.closed;
  }

  // Frames leave in order, each after the rate limiter allows it.
  #send(frame: ClientMessage): void {
    const text = encodeFrame(frame);
    this.#sendChain = this.#sendChain.then(async () => {
      const wait = this.#options.limiter.take();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.isOpen) this.#ws.send(text);
    });
  }

  #onMessage(data: unknown): void {
    let frame: ServerMessage;
    try {
      const raw = typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer);
      frame = decodeServerFrame(raw, this.#maxFrameBytes);
    } catch (error) {
      // A bad server frame is reported and skipped, never thrown into the socket.
      const code = isYamError(error) ? error.code : ErrorCode.BadFrame;
      this.#options.handlers.error({
        code,
        message: `bad server frame: ${(error as Error).message}`,
      });
      return;
    }
    this.#dispatch(frame);
  }

  #dispatch(frame: ServerMessage): void {
    const { handlers } = this.#options;
    switch (frame.t) {
      case 'challenge':
        this.#answerChallenge(frame.origin, frame.nonce);
        return;
      case 'ready':
        this.#maxFrameBytes = maxServerFrameBytes(frame.limits);
        handlers.ready(frame);
        return;
      case 'subscribed':
      case 'unsubscribed':
      case 'ack':
      case 'history':
      case 'iceServers':
      case 'blob.granted':
      case 'push.key.is':
      case 'push.subscribed':
      case 'push.unsubscribed':
      case 'mail.is':
      case 'preview.res':
      case 'kp.stored':
      case 'kp.claimed':
      case 'inbox.acked':
      case 'join.queued':
      case 'join.resolved':
      case 'pake.sent':
      case 'profile.stored': {
        const pending = this.#pending.get(frame.rid);
        if (!pending) return;
        this.#pending.delete(frame.rid);
        pending.resolve(frame);
        return;
      }
      case 'error': {
        const info: ClientErrorInfo = { code: frame.code, message: frame.message };
        if (frame.retryAfterMs !== undefined) info.retryAfterMs = frame.retryAfterMs;
        if (isFatal(frame.code)) this.#fatal = info;
        const pending = frame.rid === undefined ? undefined : this.#pending.get(frame.rid);
        if (pending) {
          this.#pending.delete(frame.rid!);
          pending.reject(errorFromFrame(frame));
        }
        handlers.frame(frame);
        return;
      }
      case 'msg':
      case 'presence':
      case 'welcome':
      case 'joinRequest':
      case 'joinResult':
      case 'pakeReply':
      case 'pakeConfirm':
      case 'pakeProof':
      case 'pakeFailed':
      case 'typing':
      case 'activity':
      case 'signal':
        handlers.frame(frame);
        return;
      case 'profile': {
        // With a rid it answers profile.get; without, it is a fan-out update. [P-PROF2] [P-PROF3]
        const pending = frame.rid === undefined ? undefined : this.#pending.get(frame.rid);
        if (pending) {
          this.#pending.delete(frame.rid!);
          pending.resolve(frame as unknown as Reply);
        } else {
          handlers.frame(frame);
        }
        return;
      }
      default:
        frame satisfies never;
    }
  }

  #answerChallenge(origin: string, nonce: string): void {
    const { identity, handlers } = this.#options;
    // A challenge bound to another origin may be relayed from another server: signing it
    // would let that server log in as us there. [P-AUTH3]
    if (origin !== this.#options.origin) {
      const info = {
        code: ErrorCode.AuthFailed,
        message: `refusing a challenge for ${origin}; expected ${this.#options.origin}`,
      };
      this.#fatal = info;
      handlers.error(info);
      this.close(4401, 'challenge origin mismatch');
      return;
    }
    const signature = signAuthChallenge(identity, authMessage(origin, nonce));
    this.#send({
      t: 'auth',
      v: 1,
      publicKey: toBase64Url(identity.publicKey),
      signature: toBase64Url(signature),
    });
  }
}
