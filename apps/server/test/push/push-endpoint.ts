import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedPair } from '../tls/pebble.ts';

export type ReceivedPush = { path: string; headers: Record<string, unknown>; body: Buffer };

/**
 * A stand-in push service: an https server with a self-signed certificate that records
 * every POST (answering 201, or the status set per path), and a browser-side subscription
 * (P-256 key pair and auth secret) whose pushes it can decrypt (RFC 8291, written here
 * from the RFC, independent of web-push).
 */
export class TestPushEndpoint {
  readonly received: ReceivedPush[] = [];
  readonly agent: Agent;
  readonly #server: Server;
  readonly #dir: string;
  readonly #status = new Map<string, number>();
  readonly #listeners: Array<(push: ReceivedPush) => void> = [];

  private constructor(server: Server, dir: string, ca: string) {
    this.#server = server;
    this.#dir = dir;
    this.agent = new Agent({ ca });
  }

  static async start(): Promise<TestPushEndpoint> {
    const dir = mkdtempSync(join(tmpdir(), 'yam-push-'));
    const pair = selfSignedPair(dir, 'push', '127.0.0.1');
    const cert = readFileSync(pair.certFile, 'utf8');
    let endpoint: TestPushEndpoint | undefined;
    const server = createServer({ cert, key: readFileSync(pair.keyFile) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const push = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        endpoint!.received.push(push);
        for (const listener of endpoint!.#listeners) listener(push);
        res.writeHead(endpoint!.#status.get(push.path) ?? 201).end();
      });
    });
    endpoint = new TestPushEndpoint(server, dir, cert);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  url(path: string): string {
    const { port } = this.#server.address() as AddressInfo;
    return `https://127.0.0.1:${port}${path}`;
  }

  /** Answers pushes to `path` with `status` from now on (404/410: "subscription gone"). */
  answer(path: string, status: number): void {
    this.#status.set(path, status);
  }

  /** Resolves with the next push to `path`. */
  next(path: string): Promise<ReceivedPush> {
    return new Promise((resolve) => {
      this.#listeners.push((push) => {
        if (push.path === path) resolve(push);
      });
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** A browser's side of a subscription: what PushManager would hold. */
export function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: auth.toString('base64url'),
    /** RFC 8291 / RFC 8188 aes128gcm, one record: the plaintext the service worker gets. */
    decrypt(body: Buffer): Buffer {
      const salt = body.subarray(0, 16);
      const idLength = body[20]!;
      const serverKey = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      const shared = ecdh.computeSecret(serverKey);
      const keyInfo = Buffer.concat([
        Buffer.from('WebPush: info\0'),
        ecdh.getPublicKey(),
        serverKey,
      ]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
      const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]);
      // The last record ends with the delimiter 0x02, then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('bad padding delimiter');
      return padded.subarray(0, end);
    },
  };
}
