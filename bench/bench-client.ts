import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { authMessage, SUBPROTOCOL, serverOrigin } from '@yam/protocol';
import WebSocket from 'ws';
import { nowUs, sentAtOf } from './timestamp-payload.ts';

/** Where every client of a worker reports what it receives (one shared sink, no closures). */
export type ClientSink = {
  onMessage(sentUs: number, receivedUs: number): void;
  onAck(sentUs: number, receivedUs: number): void;
  onError(code: string): void;
  onClose(): void;
  /** A `history` page of `bytes` arrived (not parsed). */
  onHistory?(bytes: number): void;
};

const HISTORY_PREFIX = Buffer.from('{"t":"history"');
/** A Socket.IO event named "y" (Engine.IO message 4, Socket.IO EVENT 2) carrying one Yam frame. */
const SIO_EVENT = '42["y",';

type Pending = { resolve(): void; reject(error: Error): void };

/** PKCS#8 DER of an Ed25519 private key is this prefix and then the 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function keysOf(seed: string): { privateKey: KeyObject; publicKey: string } {
  const der = Buffer.concat([PKCS8_ED25519, Buffer.from(seed, 'base64url')]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey).export({ format: 'jwk' }).x! };
}

/** The client ID of the BenchClient made with `seed`: base64url SHA-256 of its public key. [P-ID2] */
export function clientIdOf(seed: string): string {
  const raw = Buffer.from(keysOf(seed).publicKey, 'base64url');
  return createHash('sha256').update(raw).digest('base64url');
}

/**
 * One authenticated WebSocket connection speaking just the part of the Yam protocol the
 * bench needs. Uses node:crypto Ed25519 (much faster than a pure-JS signer) so that
 * connecting 10,000 clients measures the server, not the client's key generation.
 */
export class BenchClient {
  private ws: WebSocket | undefined;
  private readonly privateKey: KeyObject;
  private readonly publicKey: string;
  private pending: Pending | undefined;
  private live = false;
  private nextRid = 1;
  private readonly sentByRid = new Map<number, number>();
  private readonly url: string;
  private readonly room: string | undefined;
  private readonly sink: ClientSink;
  /** Speaks Engine.IO v4 / Socket.IO to bench/socketio-server.ts (URL path /socket.io/). */
  private readonly sio: boolean;
  /** Requests (commits) waiting for their ack, by rid. */
  private readonly waiting = new Map<number, Pending>();

  constructor(url: string, room: string | undefined, sink: ClientSink, seed: string) {
    this.url = url;
    this.room = room;
    this.sink = sink;
    this.sio = new URL(url).pathname.startsWith('/socket.io/');
    const { privateKey, publicKey } = keysOf(seed);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Sends an (opaque, fake) MLS commit for `epoch` whose Welcome goes to `to`: how a room's
   * creator claims it (epoch 0) and adds members to the server's roster. [P-MEM1]
   */
  commit(room: string, epoch: number, to: readonly string[]): Promise<void> {
    const rid = this.nextRid++;
    const data = Buffer.from(`bench ${room} ${epoch}`).toString('base64url');
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(rid, { resolve, reject });
      this.send({
        t: 'commit',
        rid,
        room,
        epoch,
        cmid: `bench-commit-${epoch}`,
        commit: data,
        ...(to.length > 0 ? { welcome: { to, data } } : {}),
      });
    });
  }

  /** Asks to join `room`, as a joiner's client does before a member adds it. [P-DS7] */
  requestJoin(room: string): Promise<void> {
    const rid = this.nextRid++;
    const keyPackage = Buffer.from(`bench kp ${room}`).toString('base64url');
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(rid, { resolve, reject });
      this.send({ t: 'join.req', rid, room, keyPackage });
    });
  }

  /** Opens, authenticates and (with a room) subscribes; rejects after `timeoutMs`. */
  connect(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('connect timed out')), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve();
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.pending = undefined;
        this.ws?.terminate();
        reject(error);
      };
      this.pending = { resolve: done, reject: fail };
      const origin = serverOrigin(this.url);
      const protocols = this.sio ? [] : SUBPROTOCOL;
      const ws = new WebSocket(this.url, protocols, { perMessageDeflate: false, origin });
      this.ws = ws;
      ws.on('message', (data: Buffer) => this.onFrame(data, origin));
      ws.on('error', (error) => this.pending?.reject(error));
      ws.on('close', (code) => {
        this.pending?.reject(new Error(`closed with ${code} while connecting`));
        if (this.live) this.sink.onClose();
        this.live = false;
      });
    });
  }

  /** Publishes one stamped payload; returns false when the socket is not open. */
  publish(cmid: string, payload: string, sentUs: number): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.room) return false;
    const rid = this.nextRid++;
    this.sentByRid.set(rid, sentUs);
    const frame = `{"t":"pub","rid":${rid},"room":"${this.room}","cmid":"${cmid}","payload":"${payload}"}`;
    ws.send(this.sio ? `${SIO_EVENT}${frame}]` : frame);
    return true;
  }

  /** The room this client is subscribed to, if any. */
  get roomId(): string | undefined {
    return this.room;
  }

  /** Bytes queued in the socket but not yet written: a sign the server reads too slowly. */
  get buffered(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  close(): void {
    this.live = false;
    this.ws?.terminate();
  }

  /** Sends any request as is (the history-flood bench asks for pages with it). */
  request(frame: { t: string; [key: string]: unknown }): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.send({ ...frame, rid: this.nextRid++ });
    return true;
  }

  private onFrame(data: Buffer, origin: string): void {
    if (data.subarray(0, HISTORY_PREFIX.length).equals(HISTORY_PREFIX)) {
      this.sink.onHistory?.(data.length);
      return;
    }
    if (this.live) {
      const sentUs = sentAtOf(data);
      if (sentUs !== undefined) {
        this.sink.onMessage(sentUs, nowUs());
        return;
      }
    }
    const text = this.sio ? this.unwrapSio(data.toString()) : data.toString();
    if (text === undefined) return;
    const frame = JSON.parse(text) as { t: string; [key: string]: unknown };
    switch (frame.t) {
      case 'challenge': {
        const message = authMessage(origin, String(frame.nonce));
        const signature = sign(null, message, this.privateKey).toString('base64url');
        this.send({ t: 'auth', v: 1, publicKey: this.publicKey, signature });
        return;
      }
      case 'ready':
        if (this.room) this.send({ t: 'sub', rid: 0, room: this.room });
        else this.becomeLive();
        return;
      case 'subscribed':
        this.becomeLive();
        return;
      case 'join.queued':
      case 'ack': {
        const rid = Number(frame.rid);
        const waiter = this.waiting.get(rid);
        if (waiter) {
          this.waiting.delete(rid);
          waiter.resolve();
          return;
        }
        const sentUs = this.sentByRid.get(rid);
        this.sentByRid.delete(rid);
        if (sentUs !== undefined) this.sink.onAck(sentUs, nowUs());
        return;
      }
      case 'error': {
        const waiter = this.waiting.get(Number(frame.rid));
        if (waiter) {
          this.waiting.delete(Number(frame.rid));
          waiter.reject(new Error(`request refused: ${String(frame.code)}`));
          return;
        }
        this.sink.onError(String(frame.code));
        this.pending?.reject(
          new Error(`server error ${String(frame.code)}: ${String(frame.message)}`),
        );
        return;
      }
      default:
        return; // presence and the like: not measured
    }
  }

  private becomeLive(): void {
    this.live = true;
    this.pending?.resolve();
  }

  /**
   * The Yam frame inside a Socket.IO event, or undefined for Engine.IO's own packets: the
   * open packet is answered by connecting to the default namespace ("40"), pings by pongs.
   */
  private unwrapSio(text: string): string | undefined {
    if (text.startsWith(SIO_EVENT)) return text.slice(SIO_EVENT.length, -1);
    if (text === '2') this.ws?.send('3');
    else if (text.startsWith('0')) this.ws?.send('40');
    return undefined;
  }

  private send(frame: object): void {
    const text = JSON.stringify(frame);
    this.ws?.send(this.sio ? `${SIO_EVENT}${text}]` : text);
  }
}
