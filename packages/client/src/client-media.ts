import {
  type ClientId,
  ErrorCode,
  type IceServer,
  type IceServersEvent,
  type RoomId,
  toBase64Url,
  YamError,
} from '@yam/protocol';
import { downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
import type { ClientLink } from './session.ts';

export type MediaHooks = {
  server: string;
  /** The last session token (blob uploads authenticate with it over HTTP). */
  token(): string | undefined;
};

/** What the server carries besides messages: the blob store, ICE servers and WebRTC signalling. */
export class ClientMedia {
  readonly #link: ClientLink;
  readonly #hooks: MediaHooks;

  constructor(link: ClientLink, hooks: MediaHooks) {
    this.#link = link;
    this.#hooks = hooks;
  }

  /** Uploads bytes to this server's blob store (encrypt them first); needs a recent connection. [P-BLOB1] */
  uploadBlob(data: Uint8Array): Promise<StoredBlob> {
    const token = this.#hooks.token();
    if (!token) {
      return Promise.reject(new YamError(ErrorCode.Unauthenticated, 'connect before uploading'));
    }
    return uploadBlob(this.#hooks.server, token, data);
  }

  /** Downloads a blob of this server by its hash. [P-BLOB2] */
  downloadBlob(hash: string): Promise<Uint8Array> {
    return downloadBlob(this.#hooks.server, hash);
  }

  /** Fresh STUN/TURN servers for WebRTC; empty when the server offers none. [P-ICE1] */
  async iceServers(): Promise<{ iceServers: IceServer[]; expiresAt: number }> {
    const session = await this.#link.online();
    const reply = await session.conn.request<IceServersEvent>({ t: 'ice' });
    return { iceServers: reply.iceServers, expiresAt: reply.expiresAt };
  }

  /** Sends signalling bytes to `to` in a subscribed room; false when not subscribed now. [P-SIG1] */
  signal(room: RoomId, to: ClientId, data: Uint8Array): boolean {
    const session = this.#link.session();
    if (!session?.subscribed.has(room)) return false;
    session.conn.notify({ t: 'signal', room, to, data: toBase64Url(data) });
    return true;
  }
}
