import {
  type BlobGrantedEvent,
  type ClientId,
  ErrorCode,
  type IceServer,
  type IceServersEvent,
  isYamError,
  type MailIsEvent,
  type PreviewResult,
  type PushKeyEvent,
  type PushSubscribedEvent,
  type RoomId,
  toBase64Url,
} from '@yam/protocol';
import { downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
import type { ClientLink } from './session.ts';

/** A browser push subscription as the server stores it (base64url keys, RFC 8291). */
export type PushSubscriptionKeys = { endpoint: string; p256dh: string; auth: string };

/** An upload grant is asked for anew this close to its expiry (server time may differ a little). */
const GRANT_MARGIN_MS = 10_000;

/** What the server carries besides messages: the blob store, ICE servers and WebRTC signalling. */
export class ClientMedia {
  readonly #link: ClientLink;
  readonly #server: string;
  #grant: { token: string; expiresAt: number } | undefined;

  constructor(link: ClientLink, server: string) {
    this.#link = link;
    this.#server = server;
  }

  /**
   * Uploads bytes to this server's blob store (encrypt them first), with a short-lived
   * upload token the connection asks for (waits to be online). [P-BLOB1] [P-BLOB3]
   */
  async uploadBlob(data: Uint8Array): Promise<StoredBlob> {
    try {
      return await uploadBlob(this.#server, await this.#uploadToken(), data);
    } catch (error) {
      // The token expired on the way (or the clocks disagree): once more with a fresh one.
      if (!isYamError(error, ErrorCode.Unauthenticated)) throw error;
      this.#grant = undefined;
      return uploadBlob(this.#server, await this.#uploadToken(), data);
    }
  }

  /** Downloads a blob of this server by its hash. [P-BLOB2] */
  downloadBlob(hash: string): Promise<Uint8Array> {
    return downloadBlob(this.#server, hash);
  }

  async #uploadToken(): Promise<string> {
    const grant = this.#grant;
    if (grant && grant.expiresAt - GRANT_MARGIN_MS > Date.now()) return grant.token;
    const session = await this.#link.online();
    const reply = await session.conn.request<BlobGrantedEvent>({ t: 'blob.grant' });
    this.#grant = { token: reply.token, expiresAt: reply.expiresAt };
    return reply.token;
  }

  /** The server's VAPID public key (base64url), for PushManager.subscribe. [P-PUSH1] */
  async pushKey(): Promise<string> {
    const session = await this.#link.online();
    const reply = await session.conn.request<PushKeyEvent>({ t: 'push.key' });
    return reply.key;
  }

  /** Registers a push subscription for rooms this client is a member of. [P-PUSH2] */
  async pushSubscribe(sub: PushSubscriptionKeys, rooms: readonly RoomId[]): Promise<number> {
    const session = await this.#link.online();
    const reply = await session.conn.request<PushSubscribedEvent>({
      t: 'push.subscribe',
      endpoint: sub.endpoint,
      p256dh: sub.p256dh,
      auth: sub.auth,
      rooms: [...rooms],
    });
    return reply.rooms;
  }

  /** Removes this client's subscription of `endpoint`. [P-PUSH2] */
  async pushUnsubscribe(endpoint: string): Promise<void> {
    const session = await this.#link.online();
    await session.conn.request({ t: 'push.unsubscribe', endpoint });
  }

  /** E-mail on mention: reads or sets this client's address on the server. [P-MAIL1] */
  async mail(
    request: { t: 'mail.get' } | { t: 'mail.set'; address: string | null },
  ): Promise<{ available: boolean; address: string | null }> {
    const session = await this.#link.online();
    const reply = await session.conn.request<MailIsEvent>(request);
    return { available: reply.available, address: reply.address };
  }

  /** Fresh STUN/TURN servers for WebRTC; empty when the server offers none. [P-ICE1] */
  async iceServers(): Promise<{ iceServers: IceServer[]; expiresAt: number }> {
    const session = await this.#link.online();
    const reply = await session.conn.request<IceServersEvent>({ t: 'ice' });
    return { iceServers: reply.iceServers, expiresAt: reply.expiresAt };
  }

  /**
   * Asks the server to fetch a link's preview (it sees the URL); rejects with PREVIEW_OFF,
   * PREVIEW_REFUSED, PREVIEW_FAILED or RATE_LIMITED. [P-PREV1]
   */
  async preview(url: string): Promise<PreviewResult> {
    const session = await this.#link.online();
    return session.conn.request<PreviewResult>({ t: 'preview.req', url });
  }

  /** Sends signalling bytes to `to` in a subscribed room; false when not subscribed now. [P-SIG1] */
  signal(room: RoomId, to: ClientId, data: Uint8Array): boolean {
    const session = this.#link.session();
    if (!session?.subscribed.has(room)) return false;
    session.conn.notify({ t: 'signal', room, to, data: toBase64Url(data) });
    return true;
  }
}
