import type {
  AppendInput,
  AppendResult,
  CommitInput,
  CommitResult,
  HistoryPage,
  HistoryQuery,
  Storage,
} from '../../src/storage/storage.ts';

/**
 * A real storage whose appends wait at a gate until the test opens it, so a test can
 * observe the server while a write is in flight. Reads pass straight through.
 */
export class GatedStorage implements Storage {
  readonly inner: Storage;
  /** Appends that reached the gate and are waiting. */
  waiting = 0;
  #open = false;
  #release: (() => void)[] = [];

  constructor(inner: Storage) {
    this.inner = inner;
  }

  async append(input: AppendInput): Promise<AppendResult> {
    if (!this.#open) {
      this.waiting++;
      await new Promise<void>((resolve) => this.#release.push(resolve));
      this.waiting--;
    }
    return this.inner.append(input);
  }

  async appendCommit(input: CommitInput): Promise<CommitResult> {
    await this.#gate();
    return this.inner.appendCommit(input);
  }

  async #gate(): Promise<void> {
    if (this.#open) return;
    this.waiting++;
    await new Promise<void>((resolve) => this.#release.push(resolve));
    this.waiting--;
  }

  // The delivery-service calls other than commits pass straight through.
  epoch: Storage['epoch'] = (room) => this.inner.epoch(room);
  isMember: Storage['isMember'] = (room, clientId) => this.inner.isMember(room, clientId);
  isBanned: Storage['isBanned'] = (room, clientId) => this.inner.isBanned(room, clientId);
  roster: Storage['roster'] = (room) => this.inner.roster(room);
  putKeyPackages: Storage['putKeyPackages'] = (...a) => this.inner.putKeyPackages(...a);
  claimKeyPackage: Storage['claimKeyPackage'] = (...a) => this.inner.claimKeyPackage(...a);
  inbox: Storage['inbox'] = (c, q) => this.inner.inbox(c, q);
  expire: Storage['expire'] = (cutoffs) => this.inner.expire(cutoffs);
  deleteInboxItem: Storage['deleteInboxItem'] = (c, id) => this.inner.deleteInboxItem(c, id);
  addJoinRequest: Storage['addJoinRequest'] = (...a) => this.inner.addJoinRequest(...a);
  joinRequests: Storage['joinRequests'] = (r, notBefore) => this.inner.joinRequests(r, notBefore);
  takeJoinRequest: Storage['takeJoinRequest'] = (...a) => this.inner.takeJoinRequest(...a);
  putProfile: Storage['putProfile'] = (r, c, d) => this.inner.putProfile(r, c, d);
  getProfile: Storage['getProfile'] = (r, c) => this.inner.getProfile(r, c);

  /** Lets every waiting and future append through. */
  open(): void {
    this.#open = true;
    for (const release of this.#release.splice(0)) release();
  }

  head(room: string): Promise<number> {
    return this.inner.head(room);
  }

  history(room: string, query: HistoryQuery): Promise<HistoryPage> {
    return this.inner.history(room, query);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Waits until `condition` holds, checking every few ms. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
