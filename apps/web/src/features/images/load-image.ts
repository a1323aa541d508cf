import { blobHash, fetchBlob } from '@yam/client';
import { decryptAttachment } from '@yam/crypto';
import { fromBase64Url } from '@yam/protocol';
import { IdbBlobCache } from '../../platform/idb/idb-blob-cache.ts';
import type { RoomPeers } from '../../session/room-ports.ts';

/** AES-GCM nonce and tag around the plaintext. */
const OVERHEAD = 28;

export type ImageSource = 'cache' | 'peer' | 'server';
export type LoadedImage = { url: string; source: ImageSource };
/** An encrypted attachment a message refers to (an image, or a voice message). */
export type EncryptedMedia = { hash: string; key: string; size: number; mime: string };
type Fetched = { ciphertext: Uint8Array; source: ImageSource };

/** The app's image fetches: one per app (made by the frame), shared by every bubble. */
export type ImageLoads = {
  /** Counted for tests and troubleshooting: where images came from (window.__yamImages). */
  counts: Record<ImageSource, number>;
  /** A bubble scrolled out and back in while fetching joins the fetch under way. */
  inFlight: Map<string, Promise<Fetched>>;
};

export function createImageLoads(): ImageLoads {
  const loads: ImageLoads = { counts: { cache: 0, peer: 0, server: 0 }, inFlight: new Map() };
  (globalThis as { __yamImages?: ImageLoads['counts'] }).__yamImages = loads.counts;
  return loads;
}

export const UNAVAILABLE =
  'Image unavailable: no one online has it and the server copy expired. Ask the sender to post it again.';
export const TAMPERED =
  'Image rejected: the copy received does not match what the sender posted (it was altered).';

/**
 * Gets an image's ciphertext from this device's cache, else from online peers in the
 * room, else from the server's blob store; checks its hash, decrypts it, and keeps the
 * ciphertext so this device can serve it to others. Throws an Error with a message for
 * people.
 */
export async function loadImage(
  image: EncryptedMedia,
  peers: RoomPeers,
  loads: ImageLoads,
  progress: (bytes: number, total: number) => void,
): Promise<LoadedImage> {
  const { counts, inFlight } = loads;
  const cached = await IdbBlobCache.get(image.hash).catch(() => undefined);
  let fetched: Fetched;
  if (cached && blobHash(cached) === image.hash) {
    fetched = { ciphertext: cached, source: 'cache' };
  } else {
    let fetching = inFlight.get(image.hash);
    if (!fetching) {
      fetching = fetchCiphertext(image, peers, progress);
      inFlight.set(image.hash, fetching);
      void fetching.then(
        (f) => IdbBlobCache.put(image.hash, f.ciphertext).catch(() => undefined),
        () => undefined,
      );
      void fetching.finally(() => inFlight.delete(image.hash)).catch(() => undefined);
    }
    fetched = await fetching;
  }
  let plain: Uint8Array;
  try {
    plain = await decryptAttachment(fetched.ciphertext, {
      key: fromBase64Url(image.key),
      hash: fromBase64Url(image.hash),
      size: image.size,
    });
  } catch {
    throw new Error(TAMPERED);
  }
  counts[fetched.source]++;
  const url = URL.createObjectURL(new Blob([plain.slice().buffer], { type: image.mime }));
  return { url, source: fetched.source };
}

/** Peers first (PeerManager data channels), then `/blobs/<hash>`; the hash is checked on both. */
async function fetchCiphertext(
  image: EncryptedMedia,
  room: RoomPeers,
  progress: (bytes: number, total: number) => void,
): Promise<Fetched> {
  const peers = room.others();
  let source: ImageSource = 'peer';
  let tampered = false;
  const ciphertext = await fetchBlob({
    hash: image.hash,
    peers,
    open: (peer, label) => room.open(peer, label, 8_000),
    maxBytes: image.size + OVERHEAD,
    progress,
    timeoutMs: 15_000,
    fallback: async (hash) => {
      source = 'server';
      const bytes = await room.downloadBlob(hash);
      // Name a swapped server copy as such rather than as "missing".
      if (blobHash(bytes) !== hash) tampered = true;
      return bytes;
    },
  }).catch(() => {
    throw new Error(tampered ? TAMPERED : UNAVAILABLE);
  });
  return { ciphertext, source };
}
