import { signal } from '@preact/signals';
import {
  BLOB_LABEL,
  type FileTransfers,
  isFinal,
  serveBlobs,
  TRANSFER_LABEL,
  type TransferInfo,
} from '@yam/client';
import { IdbBlobCache } from '../../platform/idb/idb-blob-cache.ts';
import { fileSource } from '../../platform/webrtc/file-source.ts';
import { OpfsFileSink } from '../../platform/webrtc/opfs-file-sink.ts';
import type { PeerShare, RoomPeers } from '../../session/room-ports.ts';

/** A finished received file, offered as a download from disk. */
export type Download = { name: string; url: string };

/** Progress events come per chunk; the UI needs them a few times a second. */
const REDRAW_MS = 150;

/**
 * The file transfers of the open room, for the UI: offers to accept or refuse, stages
 * and progress of both directions, and the finished downloads.
 */
export class RoomFiles {
  readonly transfers = signal<TransferInfo[]>([]);
  readonly downloads = signal<ReadonlyMap<string, Download[]>>(new Map());
  readonly #openPeers: () => PeerShare;
  #peers: RoomPeers | undefined;
  readonly #latest = new Map<string, TransferInfo>();
  #files: FileTransfers | undefined;
  #dispose: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  readonly #onOffer: ((info: TransferInfo) => void) | undefined;

  /** `onOffer` hears each incoming offer (the frame alerts a hidden tab with it). */
  constructor(openPeers: () => PeerShare, onOffer?: (info: TransferInfo) => void) {
    this.#openPeers = openPeers;
    this.#onOffer = onOffer;
  }

  async start(): Promise<void> {
    if (this.#disposed) return;
    const { peers, release } = this.#openPeers();
    const files = peers.fileTransfers((transfer, _index, meta) =>
      OpfsFileSink.create(transfer.id, meta.name, (file) =>
        this.#downloaded(transfer.id, meta.name, file),
      ),
    );
    peers.handle(TRANSFER_LABEL, (peer, channel) => files.incoming(peer, channel));
    // Images by request: this device serves the image ciphertext it holds to room peers.
    peers.handle(BLOB_LABEL, (_peer, channel) => serveBlobs(channel, IdbBlobCache));
    files.on('update', (info) => this.#update(info));
    files.on('offer', (info) => {
      this.#update(info);
      this.#onOffer?.(info);
    });
    this.#files = files;
    this.#peers = peers;
    this.#dispose = release;
  }

  /** Offers `list` to every other member online in the room. Returns how many peers. */
  send(list: File[]): number {
    const files = this.#files;
    if (!files || !this.#peers || list.length === 0) return 0;
    const peers = this.#peers.others();
    for (const peer of peers) files.send(peer, list.map(fileSource));
    return peers.length;
  }

  accept(id: string): void {
    this.#files?.accept(id);
  }

  refuse(id: string): void {
    this.#files?.refuse(id);
  }

  cancel(id: string): void {
    this.#files?.cancel(id);
  }

  /** Forgets a finished transfer (and frees its download links). */
  dismiss(id: string): void {
    this.#latest.delete(id);
    for (const d of this.downloads.value.get(id) ?? []) URL.revokeObjectURL(d.url);
    void OpfsFileSink.remove(id);
    const next = new Map(this.downloads.value);
    next.delete(id);
    this.downloads.value = next;
    this.#redraw();
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    for (const info of this.#latest.values())
      if (!isFinal(info.stage)) this.#files?.cancel(info.id);
    this.#dispose?.();
  }

  #update(info: TransferInfo): void {
    const before = this.#latest.get(info.id);
    this.#latest.set(info.id, info);
    if (before?.stage !== info.stage) this.#redraw();
    else this.#timer ??= setTimeout(() => this.#redraw(), REDRAW_MS);
  }

  #redraw(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.transfers.value = [...this.#latest.values()];
  }

  #downloaded(id: string, name: string, file: File): void {
    const next = new Map(this.downloads.value);
    next.set(id, [...(next.get(id) ?? []), { name, url: URL.createObjectURL(file) }]);
    this.downloads.value = next;
  }
}
