import { createIdentity, type DeviceIdentity, signAuthChallenge } from '@yam/crypto';
import { authMessage, SUBPROTOCOL, toBase64Url } from '@yam/protocol';
import WebSocket from 'ws';

// Frames are read loosely on purpose: tests check exactly what the server sent.
// biome-ignore lint/suspicious/noExplicitAny: raw test frames
export type Frame = Record<string, any>;

/** `host`: the Host header to send, as a client dialling another name of the server would. */
export type OpenOptions = { origin?: string; protocols?: string[]; host?: string };

/** A TestClient past `ready`: `ready.clientId` is its client ID. */
export type AuthedTestClient = TestClient & { identity: DeviceIdentity; ready: Frame };

/** A bare WebSocket client that records every frame, for testing the server's wire behaviour. */
export class TestClient {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #taken = new Set<Frame>();
  #waiters: (() => void)[] = [];

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.#waiters.splice(0)) wake();
      }),
    );
  }

  /** Opens a socket; rejects with `status <n>` when the server refuses the upgrade. */
  static open(url: string, options: OpenOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options.protocols ?? [SUBPROTOCOL], {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.host ? { headers: { host: options.host } } : {}),
    });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`status ${res.statusCode}`));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** Opens, answers the challenge with `identity` and waits for `ready`. */
  static async authenticated(
    url: string,
    identity: DeviceIdentity = createIdentity(),
  ): Promise<AuthedTestClient> {
    const client = await TestClient.open(url);
    const challenge = await client.next((f) => f.t === 'challenge');
    client.send(authFrame(identity, challenge.origin, challenge.nonce));
    const ready = await client.next((f) => f.t === 'ready' || f.t === 'error');
    if (ready.t !== 'ready') throw new Error(`auth failed: ${ready.code}`);
    return Object.assign(client, { identity, ready });
  }

  send(frame: Frame | string | Uint8Array): void {
    this.ws.send(
      typeof frame === 'object' && !(frame instanceof Uint8Array) ? JSON.stringify(frame) : frame,
    );
  }

  /** The first frame not returned before that matches; waits for it to arrive. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find((f) => !this.#taken.has(f) && match(f));
      if (found) {
        this.#taken.add(found);
        return found;
      }
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`socket closed; frames: ${JSON.stringify(this.frames.map((f) => f.t))}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a request and waits for the reply or error carrying the same rid. */
  async request(frame: Frame): Promise<Frame> {
    this.send(frame);
    return this.next((f) => f.rid === frame.rid && f.t !== 'msg');
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

/** An auth frame signing authMessage(origin, nonce). */
export function authFrame(identity: DeviceIdentity, origin: string, nonce: string): Frame {
  const signature = signAuthChallenge(identity, authMessage(origin, nonce));
  return {
    t: 'auth',
    v: 1,
    publicKey: toBase64Url(identity.publicKey),
    signature: toBase64Url(signature),
  };
}

export const b64 = (text: string) => Buffer.from(text).toString('base64url');
