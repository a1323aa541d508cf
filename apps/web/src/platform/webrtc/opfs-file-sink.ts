import type { FileSink } from '@yam/client';

/** Writes are batched to this size: one OPFS write per chunk would be an IPC per 64 KiB. */
const BATCH_BYTES = 1024 * 1024;

/** A received file in the origin-private file system: streamed to disk, never whole in memory. */
export class OpfsFileSink implements FileSink {
  readonly #writable: FileSystemWritableFileStream;
  readonly #closed: () => Promise<void>;
  readonly #discard: () => Promise<void>;
  #batch: Uint8Array[] = [];
  #batchBytes = 0;

  private constructor(
    writable: FileSystemWritableFileStream,
    closed: () => Promise<void>,
    discard: () => Promise<void>,
  ) {
    this.#writable = writable;
    this.#closed = closed;
    this.#discard = discard;
  }

  /** Creates `name` under a per-transfer folder; `done` gets the finished file (disk-backed). */
  static async create(
    folder: string,
    name: string,
    done: (file: File) => void,
  ): Promise<OpfsFileSink> {
    const root = await navigator.storage.getDirectory();
    const dir = await (
      await root.getDirectoryHandle('yam-transfers', { create: true })
    ).getDirectoryHandle(folder, { create: true });
    const entry = safeName(name);
    const handle = await dir.getFileHandle(entry, { create: true });
    const writable = await handle.createWritable({ keepExistingData: false });
    // getFile() after close is backed by the disk, so offering it as a download stays cheap.
    return new OpfsFileSink(
      writable,
      async () => done(await handle.getFile()),
      () => dir.removeEntry(entry).catch(() => undefined),
    );
  }

  /** Deletes a transfer's folder once dismissed: OPFS space is not freed otherwise. */
  static async remove(folder: string): Promise<void> {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('yam-transfers', { create: true });
    await dir.removeEntry(folder, { recursive: true }).catch(() => undefined);
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#batch.push(chunk);
    this.#batchBytes += chunk.length;
    if (this.#batchBytes >= BATCH_BYTES) await this.#flush();
  }

  async close(): Promise<void> {
    await this.#flush();
    await this.#writable.close();
    await this.#closed();
  }

  async abort(): Promise<void> {
    this.#batch = [];
    await this.#writable.abort().catch(() => undefined);
    // A partial file is useless: free its space at once.
    await this.#discard();
  }

  async #flush(): Promise<void> {
    if (this.#batchBytes === 0) return;
    const out = new Uint8Array(this.#batchBytes);
    let at = 0;
    for (const part of this.#batch) {
      out.set(part, at);
      at += part.length;
    }
    this.#batch = [];
    this.#batchBytes = 0;
    await this.#writable.write(out);
  }
}

/** OPFS names: no path separators, nothing hidden. */
function safeName(name: string): string {
  const cleaned = name.replace(/[/\\\0]/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 200) || 'file';
}
