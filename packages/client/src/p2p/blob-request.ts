import { sha256 } from '@noble/hashes/sha2.js';
import { type ClientId, ErrorCode, toBase64Url, YamError } from '@yam/protocol';
import { z } from 'zod/mini';
import { type DataChannelLike, whenDrained, whenOpen } from './data-channel.ts';

/** Label prefix of blob channels: `blob:<random>`. */
export const BLOB_LABEL = 'blob:';

const CHUNK = 64 * 1024;
const Hash = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

const BlobFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('bget'), hash: Hash }),
  z.object({ t: z.literal('bhave'), size: z.int().check(z.minimum(0)) }),
  z.object({ t: z.literal('bend') }),
  z.object({ t: z.literal('bnone') }),
]);
type BlobFrame = z.infer<typeof BlobFrame>;

function parse(data: unknown): BlobFrame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = BlobFrame.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The content address of bytes: base64url SHA-256, as the server's blob store names them. */
export function blobHash(bytes: Uint8Array): string {
  return toBase64Url(sha256(bytes));
}

/** Answers blob requests on a `blob:` channel from what this device holds. */
export function serveBlobs(
  channel: DataChannelLike,
  store: { get(hash: string): Promise<Uint8Array | undefined> },
): void {
  channel.addEventListener('message', (event) => {
    const frame = parse(event.data);
    if (frame?.t !== 'bget') return;
    void (async () => {
      const bytes = await store.get(frame.hash).catch(() => undefined);
      // Never serve bytes that do not match the name asked for.
      if (!bytes || blobHash(bytes) !== frame.hash) {
        channel.send(JSON.stringify({ t: 'bnone' }));
        return;
      }
      channel.send(JSON.stringify({ t: 'bhave', size: bytes.length }));
      channel.bufferedAmountLowThreshold = 256 * 1024;
      for (let at = 0; at < bytes.length && channel.readyState === 'open'; at += CHUNK) {
        await whenDrained(channel);
        channel.send(bytes.slice(at, at + CHUNK));
      }
      if (channel.readyState === 'open') channel.send(JSON.stringify({ t: 'bend' }));
    })();
  });
}

export type FetchBlobOptions = {
  hash: string;
  /** Online peers to ask, in order; the first that has the blob sends it. */
  peers: readonly ClientId[];
  open(peer: ClientId, label: string): Promise<DataChannelLike>;
  /** Refuse anything larger (the message said how big the image is). */
  maxBytes: number;
  progress?(bytes: number, total: number): void;
  /** When no peer has it: e.g. the server blob store (downloadBlob). */
  fallback?(hash: string): Promise<Uint8Array>;
  timeoutMs?: number;
};

/**
 * Gets a blob by content hash from peers ("RTC request"), else from the fallback; the
 * bytes are checked against the hash whatever their source. Throws NOT_FOUND when
 * nobody has a matching copy.
 */
export async function fetchBlob(options: FetchBlobOptions): Promise<Uint8Array> {
  for (const peer of options.peers) {
    const bytes = await askPeer(peer, options).catch(() => undefined);
    if (bytes && blobHash(bytes) === options.hash) return bytes;
  }
  if (options.fallback) {
    const bytes = await options.fallback(options.hash).catch(() => undefined);
    if (bytes && bytes.length <= options.maxBytes && blobHash(bytes) === options.hash) {
      options.progress?.(bytes.length, bytes.length);
      return bytes;
    }
  }
  throw new YamError(ErrorCode.NotFound, `no peer and no server has blob ${options.hash}`);
}

async function askPeer(peer: ClientId, o: FetchBlobOptions): Promise<Uint8Array | undefined> {
  const channel = await o.open(peer, `${BLOB_LABEL}${Math.random().toString(36).slice(2)}`);
  await whenOpen(channel);
  channel.binaryType = 'arraybuffer';
  try {
    return await new Promise<Uint8Array | undefined>((resolve) => {
      let out: Uint8Array | undefined;
      let at = 0;
      const timer = setTimeout(() => resolve(undefined), o.timeoutMs ?? 20_000);
      const done = (value: Uint8Array | undefined) => {
        clearTimeout(timer);
        resolve(value);
      };
      channel.addEventListener('close', () => done(undefined));
      channel.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) {
          const chunk = new Uint8Array(event.data);
          if (!out || at + chunk.length > out.length) return done(undefined);
          out.set(chunk, at);
          at += chunk.length;
          o.progress?.(at, out.length);
          return;
        }
        const frame = parse(event.data);
        if (frame?.t === 'bhave') {
          if (frame.size > o.maxBytes) return done(undefined);
          out = new Uint8Array(frame.size);
        } else if (frame?.t === 'bend') done(out && at === out.length ? out : undefined);
        else if (frame?.t === 'bnone') done(undefined);
      });
      channel.send(JSON.stringify({ t: 'bget', hash: o.hash }));
    });
  } finally {
    channel.close();
  }
}
