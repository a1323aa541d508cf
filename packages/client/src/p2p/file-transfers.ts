import { Emitter } from '../emitter.ts';
import type { DataChannelLike } from './data-channel.ts';
import { FileReceiver, type FileSink } from './file-receiver.ts';
import { FileSender, type FileSource } from './file-sender.ts';
import type { PeerRoster } from './member-roster.ts';
import { type FileMeta, parseTransferMessage, type TransferInfo } from './transfer-messages.ts';

/** Label prefix of transfer channels: `xfer:<transfer id>`. */
export const TRANSFER_LABEL = 'xfer:';

/** The part of PeerManager file transfers use. */
export interface ChannelOpener {
  open(peer: string, label: string): Promise<DataChannelLike>;
}

export type FileTransfersEvents = {
  /** A peer offers files: call accept(id) or refuse(id). */
  offer: TransferInfo;
  /** Any change of any transfer (stage, progress). */
  update: TransferInfo;
};

export type FileTransfersOptions = {
  peers: ChannelOpener;
  /** The room's MLS members: the only peers files go to or come from. [P-P2P1] */
  roster: PeerRoster;
  openSink(transfer: TransferInfo, index: number, meta: FileMeta): Promise<FileSink>;
  retryDelayMs?: number;
};

/**
 * Every file transfer of one room, both directions: sends offers, routes incoming
 * `xfer:` channels (new offers and resumes) to the right receiver. Files go only to and
 * come only from the room's members; a peer that stops being one has its transfers
 * cancelled [P-P2P1].
 */
export class FileTransfers {
  readonly #o: FileTransfersOptions;
  readonly #events = new Emitter<FileTransfersEvents>();
  readonly #senders = new Map<string, FileSender>();
  readonly #receivers = new Map<string, FileReceiver>();
  readonly #offRoster: () => void;

  constructor(options: FileTransfersOptions) {
    this.#o = options;
    this.#offRoster = options.roster.onChange(() => this.#cancelStrangers());
  }

  /** Stops following the roster (transfers in flight go on until they end). */
  close(): void {
    this.#offRoster();
  }

  on<K extends keyof FileTransfersEvents>(
    event: K,
    fn: (info: FileTransfersEvents[K]) => void,
  ): () => void {
    return this.#events.on(event, fn);
  }

  /** Offers files to `peer`; progress arrives as `update` events. Returns the transfer id. */
  send(peer: string, files: FileSource[]): string {
    const id = randomId();
    const sender = new FileSender({
      id,
      peer,
      files,
      open: () => this.#o.peers.open(peer, `${TRANSFER_LABEL}${id}`),
      update: (info) => this.#events.emit('update', info),
      ...(this.#o.retryDelayMs === undefined ? {} : { retryDelayMs: this.#o.retryDelayMs }),
    });
    this.#senders.set(id, sender);
    if (this.#o.roster.has(peer)) sender.start();
    else sender.fail('not a member of this room');
    return id;
  }

  accept(id: string): void {
    this.#receivers.get(id)?.accept();
  }

  refuse(id: string): void {
    this.#receivers.get(id)?.refuse();
  }

  cancel(id: string): void {
    this.#senders.get(id)?.cancel();
    this.#receivers.get(id)?.cancel();
  }

  get(id: string): TransferInfo | undefined {
    return (this.#senders.get(id) ?? this.#receivers.get(id))?.info();
  }

  /** A channel the peer opened with the `xfer:` label (hand it from PeerManager.handle). */
  incoming(peer: string, channel: DataChannelLike): void {
    if (!this.#o.roster.has(peer)) {
      channel.close();
      return;
    }
    const id = channel.label.slice(TRANSFER_LABEL.length);
    const onFirst = (event: { data: unknown }) => {
      channel.removeEventListener('message', onFirst as (event: never) => void);
      const message = typeof event.data === 'string' ? parseTransferMessage(event.data) : undefined;
      if (message?.t !== 'offer' || message.id !== id) {
        channel.close();
        return;
      }
      const known = this.#receivers.get(id);
      // Only the peer that made the offer may resume it.
      if (known) {
        if (known.info().peer === peer) known.attach(channel);
        else channel.close();
        return;
      }
      const receiver: FileReceiver = new FileReceiver({
        id,
        peer,
        files: message.files,
        openSink: (index, meta) => this.#o.openSink(receiver.info(), index, meta),
        update: (info) => this.#events.emit('update', info),
      });
      this.#receivers.set(id, receiver);
      receiver.attach(channel);
      this.#events.emit('offer', receiver.info());
    };
    channel.addEventListener('message', onFirst);
  }

  #cancelStrangers(): void {
    const reason = 'not a member of this room any more';
    for (const sender of this.#senders.values()) {
      if (!this.#o.roster.has(sender.info().peer)) sender.cancel(reason);
    }
    for (const receiver of this.#receivers.values()) {
      if (!this.#o.roster.has(receiver.info().peer)) receiver.cancel(reason);
    }
  }
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
