import { describe, expect, it, vi } from 'vitest';
import type { FileSink } from '../../src/p2p/file-receiver.ts';
import type { FileSource } from '../../src/p2p/file-sender.ts';
import { FileTransfers } from '../../src/p2p/file-transfers.ts';
import {
  TRANSFER_LIMITS,
  type TransferInfo,
  type TransferStage,
} from '../../src/p2p/transfer-messages.ts';
import { MemoryChannel } from './memory-channel.ts';
import { TestRoster } from './test-roster.ts';

// The transfer protocol runs over MemoryChannel, a test double for RTCDataChannel (Node
// has none); the browser tests in e2e/tests/p2p-*.spec.ts run it over real WebRTC.

function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function source(name: string, data: Uint8Array, reads?: number[]): FileSource {
  return {
    name,
    size: data.length,
    type: 'application/octet-stream',
    read: async (offset, length) => {
      reads?.push(offset);
      return data.slice(offset, offset + length);
    },
  };
}

type Received = { chunks: Uint8Array[]; closed: boolean; aborted: boolean };

type HarnessOptions = {
  /** Each sink write takes this long (OPFS in a browser is not instant). */
  writeDelayMs?: number;
  /** Who the receiver's room has as members (default: the sender). */
  receiverRoster?: TestRoster;
  /** Who the sender's room has as members (default: the receiver). */
  senderRoster?: TestRoster;
};

function harness(options: HarnessOptions = {}) {
  const sinks = new Map<string, Received>();
  const channels: MemoryChannel[] = [];
  const delay = options.writeDelayMs ?? 0;
  const receiverRoster = options.receiverRoster ?? new TestRoster(['sender-id']);
  const senderRoster = options.senderRoster ?? new TestRoster(['receiver-id']);
  const receiving = new FileTransfers({
    roster: receiverRoster,
    peers: { open: () => Promise.reject(new Error('the receiver never opens')) },
    openSink: async (_t, index, meta): Promise<FileSink> => {
      const r: Received = { chunks: [], closed: false, aborted: false };
      sinks.set(`${index}:${meta.name}`, r);
      return {
        write: async (chunk) => {
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          r.chunks.push(chunk.slice());
        },
        close: async () => {
          r.closed = true;
        },
        abort: async () => {
          r.aborted = true;
        },
      };
    },
  });
  const sending = new FileTransfers({
    roster: senderRoster,
    retryDelayMs: 5,
    peers: {
      open: async (_peer, label) => {
        const [a, b] = MemoryChannel.pair(label);
        channels.push(a);
        receiving.incoming('sender-id', b);
        await new Promise<void>((resolve) => a.addEventListener('open', () => resolve()));
        return a;
      },
    },
    openSink: () => Promise.reject(new Error('the sender never receives')),
  });
  const until = (side: FileTransfers, id: () => string | undefined, stage: TransferStage) =>
    new Promise<TransferInfo>((resolve) => {
      const check = (info: TransferInfo) => {
        if (info.id === id() && info.stage === stage) resolve(info);
      };
      side.on('update', check);
    });
  const offered = () => new Promise<TransferInfo>((resolve) => receiving.on('offer', resolve));
  return { sending, receiving, sinks, channels, until, offered, receiverRoster, senderRoster };
}

const joined = (r: Received | undefined) => {
  const total = r?.chunks.reduce((n, c) => n + c.length, 0) ?? 0;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of r?.chunks ?? []) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

// toEqual walks big arrays element by element: far too slow for megabytes.
function expectSame(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(actual, expected)).toBe(0);
}

describe('file transfer protocol over data channels', () => {
  it('[FT1] accepted files arrive whole, hash-checked, with progress to the end', async () => {
    const h = harness();
    const one = bytes(3 * TRANSFER_LIMITS.chunkBytes + 123, 1);
    const two = bytes(10, 2);
    const empty = new Uint8Array(0);
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [
      source('a.bin', one),
      source('b.txt', two),
      source('c', empty),
    ]);
    const info = await offer;
    expect(info).toMatchObject({ id, peer: 'sender-id', stage: 'deciding' });
    expect(info.files.map((f) => [f.name, f.size])).toEqual([
      ['a.bin', one.length],
      ['b.txt', 10],
      ['c', 0],
    ]);
    expect(h.sending.get(id)?.stage).toBe('waiting');
    const sent = h.until(h.sending, () => id, 'done');
    const received = h.until(h.receiving, () => id, 'done');
    h.receiving.accept(id);
    const [s, r] = await Promise.all([sent, received]);
    expectSame(joined(h.sinks.get('0:a.bin')), one);
    expectSame(joined(h.sinks.get('1:b.txt')), two);
    expect(h.sinks.get('2:c')).toMatchObject({ chunks: [], closed: true });
    expect([...h.sinks.values()].every((x) => x.closed && !x.aborted)).toBe(true);
    expect(s.progress.bytes).toBe(one.length + 10);
    expect(r.progress).toMatchObject({ bytes: one.length + 10, total: one.length + 10, etaSec: 0 });
  });

  it('[FT2] a refusal reaches the sender and nothing is written', async () => {
    const h = harness();
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [source('x', bytes(1000, 3))]);
    await offer;
    const refused = h.until(h.sending, () => id, 'refused');
    h.receiving.refuse(id);
    await refused;
    expect(h.receiving.get(id)?.stage).toBe('refused');
    expect(h.sinks.size).toBe(0);
  });

  it('[FT3] either side can cancel mid-way; the partial file is dropped', async () => {
    for (const side of ['receiver', 'sender'] as const) {
      const h = harness();
      // Larger than the sender's window, so the sender cannot be done before the cancel.
      const data = bytes(TRANSFER_LIMITS.windowBytes * 3, 4);
      const offer = h.offered();
      const id = h.sending.send('receiver-id', [source('big', data)]);
      await offer;
      const halfway = new Promise<void>((resolve) =>
        h.receiving.on('update', (i) => i.progress.bytes > data.length / 4 && resolve()),
      );
      h.receiving.accept(id);
      await halfway;
      const other = side === 'receiver' ? h.sending : h.receiving;
      const seen = h.until(other, () => id, 'cancelled');
      (side === 'receiver' ? h.receiving : h.sending).cancel(id);
      const info = await seen;
      expect(info.reason).toContain(`by the ${side}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(h.sinks.get('0:big')?.aborted).toBe(true);
      expect(h.sinks.get('0:big')?.closed).toBe(false);
      expect(joined(h.sinks.get('0:big')).length).toBeLessThan(data.length);
    }
  });

  it('[FT4] after a cut the sender reconnects and resumes at the receiver offset, bytes once', async () => {
    const h = harness();
    const data = bytes(60 * TRANSFER_LIMITS.chunkBytes + 7, 5);
    const reads: number[] = [];
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [source('r.bin', data, reads)]);
    await offer;
    let cutAt = 0;
    const cut = new Promise<void>((resolve) =>
      h.receiving.on('update', (i) => {
        if (cutAt === 0 && i.progress.bytes > data.length / 3) {
          cutAt = i.progress.bytes;
          h.channels[0]?.cut();
          resolve();
        }
      }),
    );
    const stages: TransferStage[] = [];
    h.receiving.on('update', (i) => stages.push(i.stage));
    const done = h.until(h.receiving, () => id, 'done');
    const sent = h.until(h.sending, () => id, 'done');
    h.receiving.accept(id);
    await cut;
    await Promise.all([done, sent]);
    expect(h.channels.length).toBe(2);
    expect(stages).toContain('interrupted');
    expectSame(joined(h.sinks.get('0:r.bin')), data);
    // The second channel started where the receiver stopped, not at 0.
    const resumedFrom = reads.findIndex((offset, i) => i > 0 && offset <= (reads[i - 1] ?? 0));
    expect(resumedFrom).toBeGreaterThan(0);
    expect(reads[resumedFrom]).toBeGreaterThan(0);
    expect(h.sending.get(id)?.stage).toBe('done');
  });

  it('[FT5] a byte changed in flight fails the hash check on both sides', async () => {
    const h = harness();
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [
      source('t', bytes(5 * TRANSFER_LIMITS.chunkBytes, 6)),
    ]);
    await offer;
    let flipped = false;
    h.channels[0]!.tamper = (b) => {
      if (!flipped && b.length > 100) {
        flipped = true;
        b[50] = (b[50] ?? 0) ^ 1;
      }
    };
    const failed = h.until(h.sending, () => id, 'failed');
    h.receiving.accept(id);
    expect((await failed).reason).toContain('hash mismatch');
    expect(h.receiving.get(id)?.stage).toBe('failed');
    expect(h.sinks.get('0:t')).toMatchObject({ closed: false, aborted: true });
  });

  it('[FT6] the sender keeps the send queue under its high-water mark (backpressure)', async () => {
    const h = harness();
    const data = bytes(200 * TRANSFER_LIMITS.chunkBytes, 7);
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [source('q', data)]);
    await offer;
    const done = h.until(h.receiving, () => id, 'done');
    h.receiving.accept(id);
    await done;
    expectSame(joined(h.sinks.get('0:q')), data);
    const max = h.channels[0]?.maxBuffered ?? Number.POSITIVE_INFINITY;
    expect(max).toBeLessThanOrEqual(
      TRANSFER_LIMITS.highWaterBytes + TRANSFER_LIMITS.chunkBytes + 1024,
    );
    expect(max).toBeGreaterThan(TRANSFER_LIMITS.lowWaterBytes); // the queue did fill up
  });

  it('[FT7] three files in one offer arrive whole while the sink is slow to write', async () => {
    const h = harness({ writeDelayMs: 3 });
    const files = [bytes(22, 8), bytes(2 * TRANSFER_LIMITS.chunkBytes + 5, 9), bytes(300, 10)];
    const offer = h.offered();
    const id = h.sending.send(
      'receiver-id',
      files.map((data, i) => source(`f${i}`, data)),
    );
    await offer;
    const stages: TransferStage[] = [];
    h.receiving.on('update', (i) => stages.push(i.stage));
    const sent = h.until(h.sending, () => id, 'done');
    const received = h.until(h.receiving, () => id, 'done');
    h.receiving.accept(id);
    await Promise.all([sent, received]);
    expect(stages).not.toContain('failed');
    for (const [i, data] of files.entries()) expectSame(joined(h.sinks.get(`${i}:f${i}`)), data);
    expect([...h.sinks.values()].every((x) => x.closed && !x.aborted)).toBe(true);
  });
});

describe("file transfers only among the room's members [P-P2P1]", () => {
  it('offers nothing to a client that is not a member', async () => {
    const h = harness({ senderRoster: new TestRoster([]) });
    const id = h.sending.send('receiver-id', [source('secret', bytes(100, 11))]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.channels).toEqual([]);
    expect(h.sending.get(id)).toMatchObject({
      stage: 'failed',
      reason: 'not a member of this room',
    });
  });

  it('refuses an offer from a client that is not a member: no offer event, channel closed', async () => {
    const h = harness({ receiverRoster: new TestRoster([]) });
    const offers: TransferInfo[] = [];
    h.receiving.on('offer', (i) => offers.push(i));
    h.sending.send('receiver-id', [source('spam', bytes(100, 12))]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(offers).toEqual([]);
    expect(h.channels[0]?.readyState).not.toBe('open');
  });

  it('a peer that stops being a member has its transfers cancelled on both sides', async () => {
    const h = harness({ writeDelayMs: 1 });
    const data = bytes(TRANSFER_LIMITS.windowBytes * 2, 13);
    const offer = h.offered();
    const id = h.sending.send('receiver-id', [source('big', data)]);
    await offer;
    const started = new Promise<void>((resolve) =>
      h.receiving.on('update', (i) => i.progress.bytes > 0 && resolve()),
    );
    h.receiving.accept(id);
    await started;
    const cancelled = h.until(h.sending, () => id, 'cancelled');
    h.senderRoster.set([]); // the receiver was removed from the room
    expect((await cancelled).reason).toBe('not a member of this room any more');
    // Up to the send queue's high-water mark is still in flight ahead of the cancel.
    const slow = { timeout: 10_000 };
    await vi.waitFor(() => expect(h.receiving.get(id)?.stage).toBe('cancelled'), slow);
    await vi.waitFor(() => expect(h.sinks.get('0:big')?.aborted).toBe(true), slow);
  });
});
