import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from '@yam/protocol';
import type { DataChannelLike } from './data-channel.ts';
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

/** Where a received file goes, chunk by chunk (OPFS, a Node file); never all in memory. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** The file is complete and its hash matched. */
  close(): Promise<void>;
  /** The transfer was cancelled or failed: drop what was written. */
  abort(): Promise<void>;
}

export type FileReceiverOptions = {
  id: string;
  peer: string;
  files: FileMeta[];
  /** Creates the sink of file `index`, once it was accepted and its first byte is coming. */
  openSink(index: number, meta: FileMeta): Promise<FileSink>;
  update(info: TransferInfo): void;
};

/**
 * The receiving side of one transfer: waits for the user's decision, writes chunks in
 * order, acknowledges written bytes (the sender's window), checks each file's hash, and
 * answers a resumed offer with the position it reached.
 */
export class FileReceiver {
  readonly id: string;
  readonly #o: FileReceiverOptions;
  readonly #meter: ProgressMeter;
  #stage: TransferStage = 'deciding';
  #reason: string | undefined;
  #channel: DataChannelLike | undefined;
  #accepted = false;
  #file = 0;
  #offset = 0;
  #received = 0;
  /** The sink being written, and the file it belongs to. */
  #sink: { file: number; sink: FileSink } | undefined;
  #hash = sha256.create();
  #writes: Promise<void> = Promise.resolve();
  #unacked = 0;

  constructor(options: FileReceiverOptions) {
    this.id = options.id;
    this.#o = options;
    this.#meter = new ProgressMeter(options.files.reduce((n, f) => n + f.size, 0));
  }

  get stage(): TransferStage {
    return this.#stage;
  }

  info(): TransferInfo {
    return {
      id: this.id,
      peer: this.#o.peer,
      direction: 'receive',
      files: this.#o.files,
      stage: this.#stage,
      progress: this.#meter.snapshot(),
      ...(this.#reason ? { reason: this.#reason } : {}),
    };
  }

  /** Takes over a (new) channel from the sender: the first one, or a resume. */
  attach(channel: DataChannelLike): void {
    if (isFinal(this.#stage)) {
      if (this.#stage === 'cancelled' || this.#stage === 'refused') {
        const message: TransferMessage =
          this.#stage === 'refused'
            ? { t: 'refuse' }
            : { t: 'cancel', reason: this.#reason ?? 'cancelled' };
        whenOpenThenSend(channel, message);
      }
      return;
    }
    this.#channel?.close();
    this.#channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.addEventListener('message', (event) => {
      if (this.#channel === channel) this.#onData(event.data);
    });
    channel.addEventListener('close', () => {
      if (this.#channel !== channel || isFinal(this.#stage)) return;
      this.#channel = undefined;
      if (this.#accepted) this.#set('interrupted');
    });
    if (this.#accepted) this.#answerAccept();
  }

  /** The user accepted: the sender starts (or resumes) streaming. */
  accept(): void {
    if (this.#accepted || isFinal(this.#stage)) return;
    this.#accepted = true;
    this.#set(this.#channel ? 'transferring' : 'interrupted');
    this.#answerAccept();
  }

  refuse(): void {
    if (this.#accepted || isFinal(this.#stage)) return;
    this.#send({ t: 'refuse' });
    this.#finish('refused', 'refused');
  }

  cancel(reason = 'cancelled by the receiver'): void {
    if (isFinal(this.#stage)) return;
    this.#send({ t: 'cancel', reason });
    this.#finish('cancelled', reason);
  }

  #answerAccept(): void {
    if (!this.#channel) return;
    // Bytes already received are on their way to the sink, in order: resume after them.
    this.#send({ t: 'accept', file: this.#file, offset: this.#offset });
    this.#set('transferring');
  }

  #onData(data: unknown): void {
    if (isFinal(this.#stage) || !this.#accepted) return;
    if (typeof data === 'string') {
      this.#onMessage(parseTransferMessage(data));
      return;
    }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
    const meta = this.#o.files[this.#file];
    if (!bytes || !meta || this.#offset + bytes.length > meta.size) {
      this.#fail('the sender sent more bytes than announced');
      return;
    }
    this.#hash.update(bytes);
    this.#offset += bytes.length;
    this.#received += bytes.length;
    this.#meter.update(this.#received);
    this.#unacked += bytes.length;
    const file = this.#file;
    const offset = this.#offset;
    const ack = this.#unacked >= TRANSFER_LIMITS.ackEveryBytes;
    if (ack) this.#unacked = 0;
    this.#queue(async () => {
      if (isFinal(this.#stage)) return;
      await this.#openSink(file);
      await this.#sink?.sink.write(bytes);
      if (ack) this.#send({ t: 'ack', file, offset });
    });
    this.#o.update(this.info());
  }

  #onMessage(message: TransferMessage | undefined): void {
    if (!message) return;
    switch (message.t) {
      case 'start':
        if (message.file !== this.#file || message.offset !== this.#offset) {
          this.#fail(`resume mismatch: expected ${this.#file}:${this.#offset}`);
        }
        return;
      case 'end':
        this.#endFile(message.file, message.sha256);
        return;
      case 'cancel':
        this.#finish('cancelled', message.reason);
        return;
      default:
        return;
    }
  }

  /**
   * The stream position moves on at once (the next file's `start` and bytes may follow
   * before the sink has finished writing); closing the sink waits its turn in the queue.
   */
  #endFile(file: number, expected: string): void {
    const meta = this.#o.files[file];
    if (file !== this.#file || !meta || this.#offset !== meta.size) {
      this.#fail('a file ended early');
      return;
    }
    const actual = toBase64Url(this.#hash.digest());
    if (actual !== expected) {
      this.#fail(`hash mismatch in ${meta.name}`);
      return;
    }
    this.#file++;
    this.#offset = 0;
    this.#hash = sha256.create();
    const next = this.#file;
    this.#queue(async () => {
      if (isFinal(this.#stage)) return;
      await this.#openSink(file); // an empty file still gets one
      await this.#sink?.sink.close();
      this.#sink = undefined;
      this.#send({ t: 'ack', file: next, offset: 0 });
      if (next === this.#o.files.length) {
        this.#send({ t: 'done' });
        this.#finish('done');
      }
    });
  }

  async #openSink(file: number): Promise<void> {
    if (this.#sink?.file === file) return;
    const meta = this.#o.files[file];
    if (meta) this.#sink = { file, sink: await this.#o.openSink(file, meta) };
  }

  #queue(work: () => Promise<void>): void {
    this.#writes = this.#writes.then(work).catch((error: unknown) => {
      this.#fail(`could not write: ${String(error)}`);
    });
  }

  #fail(reason: string): void {
    if (isFinal(this.#stage)) return;
    this.#send({ t: 'cancel', reason: reason.startsWith('hash') ? reason : `failed: ${reason}` });
    this.#finish('failed', reason);
  }

  #send(message: TransferMessage): void {
    const channel = this.#channel;
    if (channel?.readyState === 'open') channel.send(JSON.stringify(message));
  }

  #finish(stage: TransferStage, reason?: string): void {
    this.#reason = reason;
    this.#set(stage);
    if (stage !== 'done') {
      // After the queue: a sink still being opened is dropped too.
      void this.#writes.then(() => {
        const sink = this.#sink;
        this.#sink = undefined;
        return sink?.sink.abort();
      });
    }
  }

  #set(stage: TransferStage): void {
    this.#stage = stage;
    this.#o.update(this.info());
  }
}

function whenOpenThenSend(channel: DataChannelLike, message: TransferMessage): void {
  const send = () => channel.send(JSON.stringify(message));
  if (channel.readyState === 'open') send();
  else channel.addEventListener('open', send);
}
