import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from '@yam/protocol';
import { type DataChannelLike, whenDrained } from './data-channel.ts';
import {
  type FileMeta,
  isFinal,
  parseTransferMessage,
  TRANSFER_LIMITS,
  type TransferInfo,
  type TransferMessage,
  type TransferStage,
} from './transfer-messages.ts';
import { ProgressMeter } from './transfer-progress.ts';

/** A file to send, read in slices (a browser File, a Node file handle). */
export type FileSource = FileMeta & { read(offset: number, length: number): Promise<Uint8Array> };

export type FileSenderOptions = {
  id: string;
  peer: string;
  files: FileSource[];
  /** Opens a fresh channel to the receiver (first time and after a drop). */
  open(): Promise<DataChannelLike>;
  update(info: TransferInfo): void;
  /** Reconnect attempts after a drop before giving up. */
  maxRetries?: number;
  retryDelayMs?: number;
};

type Hashing = { hash: ReturnType<typeof sha256.create>; upTo: number; digest?: string };

/**
 * The sending side of one transfer: offer, wait for accept, stream chunks under the
 * channel's send-queue limit and the receiver's write window, hash on the fly, and on a
 * dropped channel reopen and resume from where the receiver says it stopped.
 */
export class FileSender {
  readonly id: string;
  readonly #o: FileSenderOptions;
  readonly #meter: ProgressMeter;
  readonly #hashes: Hashing[];
  readonly #starts: number[] = [];
  #stage: TransferStage = 'signalling';
  #reason: string | undefined;
  #channel: DataChannelLike | undefined;
  /** Bumped on every new channel and on cancel: a pump of an older one stops. */
  #generation = 0;
  #acked = 0;
  #ackWaiter: (() => void) | undefined;
  #retries = 0;

  constructor(options: FileSenderOptions) {
    this.id = options.id;
    this.#o = options;
    let total = 0;
    for (const f of options.files) {
      this.#starts.push(total);
      total += f.size;
    }
    this.#meter = new ProgressMeter(total);
    this.#hashes = options.files.map(() => ({ hash: sha256.create(), upTo: 0 }));
  }

  get stage(): TransferStage {
    return this.#stage;
  }

  info(): TransferInfo {
    return {
      id: this.id,
      peer: this.#o.peer,
      direction: 'send',
      files: this.#o.files.map(({ name, size, type }) => ({ name, size, type })),
      stage: this.#stage,
      progress: this.#meter.snapshot(),
      ...(this.#reason ? { reason: this.#reason } : {}),
    };
  }

  /** Connects and offers; everything after happens on channel events. */
  start(): void {
    void this.#connect();
  }

  /** Gives up before anything was sent (the peer may not receive it). */
  fail(reason: string): void {
    if (!isFinal(this.#stage)) this.#finish('failed', reason);
  }

  /** Stops the transfer on both sides. */
  cancel(reason = 'cancelled by the sender'): void {
    if (isFinal(this.#stage)) return;
    this.#send({ t: 'cancel', reason });
    this.#finish('cancelled', reason);
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    this.#set(this.#retries === 0 ? 'signalling' : 'interrupted');
    let channel: DataChannelLike;
    try {
      const opening = this.#o.open();
      if (this.#retries === 0) this.#set('connecting');
      channel = await opening;
    } catch (error) {
      if (generation === this.#generation) this.#dropped(`could not connect: ${String(error)}`);
      return;
    }
    if (generation !== this.#generation || isFinal(this.#stage)) {
      channel.close();
      return;
    }
    this.#channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = TRANSFER_LIMITS.lowWaterBytes;
    channel.addEventListener('message', (event) => {
      if (generation === this.#generation && typeof event.data === 'string') {
        this.#onMessage(parseTransferMessage(event.data), generation);
      }
    });
    channel.addEventListener('close', () => {
      if (generation === this.#generation) this.#dropped('the connection dropped');
    });
    const files = this.#o.files.map(({ name, size, type }) => ({ name, size, type }));
    this.#send({ t: 'offer', id: this.id, files });
    if (this.#stage !== 'interrupted') this.#set('waiting');
  }

  #onMessage(message: TransferMessage | undefined, generation: number): void {
    if (!message || isFinal(this.#stage)) return;
    switch (message.t) {
      case 'accept':
        this.#retries = 0;
        this.#acked = this.#global(message.file, message.offset);
        this.#set('transferring');
        void this.#pump(message.file, message.offset, generation).catch((error: unknown) => {
          if (generation === this.#generation) this.#dropped(String(error));
        });
        return;
      case 'ack':
        this.#acked = Math.max(this.#acked, this.#global(message.file, message.offset));
        this.#meter.update(this.#acked);
        this.#ackWaiter?.();
        this.#o.update(this.info());
        return;
      case 'refuse':
        this.#finish('refused', 'the receiver refused');
        return;
      case 'done':
        this.#acked = this.#global(this.#o.files.length, 0);
        this.#meter.update(this.#acked);
        this.#finish('done');
        return;
      case 'cancel':
        this.#finish(message.reason.startsWith('hash') ? 'failed' : 'cancelled', message.reason);
        return;
      default:
        return; // the receiver's messages only
    }
  }

  async #pump(file: number, offset: number, generation: number): Promise<void> {
    const channel = this.#channel;
    if (!channel) return;
    const live = () => generation === this.#generation && !isFinal(this.#stage);
    for (let f = file; f < this.#o.files.length && live(); f++) {
      const source = this.#o.files[f] as FileSource;
      let at = f === file ? offset : 0;
      this.#send({ t: 'start', file: f, offset: at });
      while (at < source.size) {
        await this.#room(channel, this.#global(f, at));
        if (!live()) return;
        const bytes = await source.read(at, Math.min(TRANSFER_LIMITS.chunkBytes, source.size - at));
        if (!live()) return;
        if (bytes.length === 0) throw new Error(`${source.name} is shorter than announced`);
        this.#hash(f, at, bytes);
        channel.send(bytes as Uint8Array<ArrayBuffer>);
        at += bytes.length;
      }
      this.#send({ t: 'end', file: f, sha256: this.#digest(f) });
    }
  }

  /** Waits until the send queue and the receiver's window both have room. */
  async #room(channel: DataChannelLike, position: number): Promise<void> {
    if (channel.bufferedAmount > TRANSFER_LIMITS.highWaterBytes) await whenDrained(channel);
    while (
      position - this.#acked > TRANSFER_LIMITS.windowBytes &&
      channel.readyState === 'open' &&
      !isFinal(this.#stage)
    ) {
      await new Promise<void>((resolve) => {
        this.#ackWaiter = resolve;
        setTimeout(resolve, 1_000); // re-check the channel now and then
      });
    }
  }

  // Each byte is hashed once, in order, even when a resume sends some of them again.
  #hash(file: number, at: number, bytes: Uint8Array): void {
    const h = this.#hashes[file] as Hashing;
    const end = at + bytes.length;
    if (end <= h.upTo) return;
    if (at > h.upTo) throw new Error('hashing gap');
    h.hash.update(bytes.subarray(h.upTo - at));
    h.upTo = end;
  }

  #digest(file: number): string {
    const h = this.#hashes[file] as Hashing;
    h.digest ??= toBase64Url(h.hash.digest());
    return h.digest;
  }

  #global(file: number, offset: number): number {
    if (file >= this.#o.files.length) return this.#meter.snapshot().total;
    return (this.#starts[file] ?? 0) + offset;
  }

  #dropped(reason: string): void {
    if (isFinal(this.#stage)) return;
    this.#channel = undefined;
    this.#generation++;
    this.#retries++;
    if (this.#retries > (this.#o.maxRetries ?? 10)) {
      this.#finish('failed', reason);
      return;
    }
    this.#set('interrupted');
    const delay = (this.#o.retryDelayMs ?? 1_000) * Math.min(this.#retries, 5);
    setTimeout(() => void this.#connect(), delay);
  }

  #send(message: TransferMessage): void {
    const channel = this.#channel;
    if (channel?.readyState === 'open') channel.send(JSON.stringify(message));
  }

  #finish(stage: TransferStage, reason?: string): void {
    this.#reason = reason;
    this.#generation++;
    this.#ackWaiter?.();
    this.#set(stage);
    this.#channel?.close();
    this.#channel = undefined;
  }

  #set(stage: TransferStage): void {
    this.#stage = stage;
    this.#o.update(this.info());
  }
}
