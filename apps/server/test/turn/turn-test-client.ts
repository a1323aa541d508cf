import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { Attr, StunClass, StunMethod } from '../../src/turn/stun-constants.ts';
import {
  checkIntegrity,
  getAttr,
  type IntegrityKind,
  parseStunMessage,
  type StunMessage,
} from '../../src/turn/stun-message.ts';
import { type Address, decodeXorAddress, StunWriter } from '../../src/turn/stun-writer.ts';
import { longTermKey } from '../../src/turn/turn-credentials.ts';

export type Credentials = { username: string; password: string };
export type Reply = { msg: StunMessage; code: number | undefined };

/** A minimal TURN client over UDP built from our codec, to drive exact protocol cases. */
export class TurnTestClient {
  readonly socket: Socket;
  readonly server: Address;
  /** Data indications and ChannelData frames the server sent us. */
  readonly received: Buffer[] = [];
  realm = '';
  nonce = '';
  /** Which MESSAGE-INTEGRITY variant requests carry. */
  integrity: IntegrityKind = 'sha1';
  readonly #waiting = new Map<string, (reply: Reply) => void>();

  private constructor(socket: Socket, server: Address) {
    this.socket = socket;
    this.server = server;
    socket.on('message', (data) => {
      const msg = parseStunMessage(data);
      const wake = msg && this.#waiting.get(msg.transactionId.toString('hex'));
      if (msg && wake && msg.cls !== StunClass.Indication) {
        const err = getAttr(msg, Attr.ErrorCode);
        wake({
          msg,
          code: err && err.length >= 4 ? (err[2] ?? 0) * 100 + (err[3] ?? 0) : undefined,
        });
      } else {
        this.received.push(data);
      }
    });
  }

  /** A client on a UDP socket bound to `localIp` (another 127.x address stands for another host). */
  static async open(server: Address, localIp = '127.0.0.1'): Promise<TurnTestClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, localIp, resolve));
    return new TurnTestClient(socket, server);
  }

  get local(): Address {
    const a = this.socket.address();
    return { ip: a.address, port: a.port };
  }

  /** Sends raw bytes to the server. */
  sendRaw(data: Buffer): void {
    this.socket.send(data, this.server.port, this.server.ip);
  }

  /** Sends a request and waits for the response with the same transaction ID. */
  transact(
    method: number,
    fill: (w: StunWriter) => void = () => {},
    creds?: Credentials,
  ): Promise<Reply> {
    const txid = randomBytes(12);
    const w = new StunWriter(method, StunClass.Request, txid);
    fill(w);
    let key: Buffer | undefined;
    if (creds) {
      w.add(Attr.Username, creds.username).add(Attr.Realm, this.realm).add(Attr.Nonce, this.nonce);
      key = longTermKey(creds.username, this.realm, creds.password);
    }
    const packet = w.build(key ? { key, kind: this.integrity } : {});
    // UDP may drop: retransmit like a real STUN client (RFC 8489 §6.2.1), same transaction ID.
    return new Promise<Reply>((resolve, reject) => {
      const resend = setInterval(() => this.sendRaw(packet), 500);
      const timer = setTimeout(() => {
        clearInterval(resend);
        reject(new Error('no STUN response'));
      }, 5_000);
      this.#waiting.set(txid.toString('hex'), (r) => {
        clearTimeout(timer);
        clearInterval(resend);
        this.#waiting.delete(txid.toString('hex'));
        resolve(r);
      });
      this.sendRaw(packet);
    });
  }

  /** An authenticated request: fetches realm and nonce first, and retries once on 438. */
  async authed(
    method: number,
    creds: Credentials,
    fill: (w: StunWriter) => void = () => {},
  ): Promise<Reply> {
    if (!this.nonce) await this.#learnNonce(method, fill);
    let reply = await this.transact(method, fill, creds);
    if (reply.code === 438) {
      this.#take(reply.msg);
      reply = await this.transact(method, fill, creds);
    }
    return reply;
  }

  allocate(creds: Credentials, lifetime?: number): Promise<Reply> {
    return this.authed(StunMethod.Allocate, creds, (w) => {
      w.add(Attr.RequestedTransport, Buffer.from([17, 0, 0, 0]));
      if (lifetime !== undefined) w.addUInt32(Attr.Lifetime, lifetime);
    });
  }

  permit(creds: Credentials, peer: Address): Promise<Reply> {
    return this.authed(StunMethod.CreatePermission, creds, (w) =>
      w.addXorAddress(Attr.XorPeerAddress, peer),
    );
  }

  /** ChannelBind of `channel` (0x4000-0x7FFF) to `peer`. */
  bindChannel(creds: Credentials, channel: number, peer: Address): Promise<Reply> {
    const number = Buffer.from([channel >> 8, channel & 0xff, 0, 0]);
    return this.authed(StunMethod.ChannelBind, creds, (w) =>
      w.add(Attr.ChannelNumber, number).addXorAddress(Attr.XorPeerAddress, peer),
    );
  }

  /** Sends a Send indication carrying `data` to `peer`. */
  sendTo(peer: Address, data: Buffer): void {
    const w = new StunWriter(StunMethod.Send, StunClass.Indication, randomBytes(12))
      .addXorAddress(Attr.XorPeerAddress, peer)
      .add(Attr.Data, data);
    this.sendRaw(w.build());
  }

  xorAddress(reply: Reply, type: number): Address | undefined {
    const value = getAttr(reply.msg, type);
    return value && decodeXorAddress(value, reply.msg.transactionId);
  }

  verifies(reply: Reply, creds: Credentials): boolean {
    return checkIntegrity(reply.msg, longTermKey(creds.username, this.realm, creds.password));
  }

  close(): void {
    this.socket.close();
  }

  async #learnNonce(method: number, fill: (w: StunWriter) => void): Promise<void> {
    const challenge = await this.transact(method, fill);
    if (challenge.code !== 401) throw new Error(`expected 401, got ${challenge.code}`);
    this.#take(challenge.msg);
  }

  #take(msg: StunMessage): void {
    this.realm = getAttr(msg, Attr.Realm)?.toString() ?? '';
    this.nonce = getAttr(msg, Attr.Nonce)?.toString() ?? '';
  }
}
