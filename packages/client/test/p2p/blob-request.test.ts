import { type ClientId, ErrorCode } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { blobHash, fetchBlob, serveBlobs } from '../../src/p2p/blob-request.ts';
import type { DataChannelLike } from '../../src/p2p/data-channel.ts';
import { MemoryChannel } from './memory-channel.ts';

// Over MemoryChannel, a test double for RTCDataChannel (Node has none).

const A = 'A'.repeat(43) as ClientId;
const B = 'B'.repeat(43) as ClientId;
const image = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
const hash = blobHash(image);

function network(holdings: Record<string, Map<string, Uint8Array>>, asked: string[] = []) {
  return async (peer: ClientId, label: string): Promise<DataChannelLike> => {
    asked.push(peer);
    const [mine, theirs] = MemoryChannel.pair(label);
    const held = holdings[peer] ?? new Map();
    serveBlobs(theirs, { get: async (h) => held.get(h) });
    return mine;
  };
}

describe('images by request (blobs by content hash)', () => {
  it('[P-SIG7] a peer that holds the blob sends it; progress reaches the size', async () => {
    const asked: string[] = [];
    const open = network({ [A]: new Map(), [B]: new Map([[hash, image]]) }, asked);
    const seen: number[] = [];
    const got = await fetchBlob({
      hash,
      peers: [A, B],
      open,
      maxBytes: 1_000_000,
      progress: (n) => seen.push(n),
    });
    expect(Buffer.compare(got, image)).toBe(0);
    expect(asked).toEqual([A, B]);
    expect(seen.at(-1)).toBe(image.length);
  });

  it('[P-SIG7] a peer holding wrong bytes under the hash does not serve them; the fallback does', async () => {
    const bad = image.slice();
    bad[0] = (bad[0] ?? 0) ^ 1;
    const open = network({ [A]: new Map([[hash, bad]]) });
    let fellBack = false;
    const got = await fetchBlob({
      hash,
      peers: [A],
      open,
      maxBytes: 1_000_000,
      fallback: async () => {
        fellBack = true;
        return image;
      },
    });
    expect(fellBack).toBe(true);
    expect(blobHash(got)).toBe(hash);
  });

  it('[P-SIG7] a fallback with wrong bytes, or a blob over maxBytes, ends in NOT_FOUND', async () => {
    const open = network({ [A]: new Map([[hash, image]]) });
    await expect(
      fetchBlob({
        hash,
        peers: [A],
        open,
        maxBytes: 1_000,
        fallback: async () => new Uint8Array(5),
      }),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});
