/**
 * One serial queue per room: MLS state changes (commits, decryptions, sends, Welcomes) of
 * a room must run one at a time and in arrival order, which is the room log's seq order.
 */
export class RoomQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after everything queued for `room` so far; a failure does not block the queue. */
  run<T>(room: string, task: () => Promise<T>): Promise<T> {
    const tail = this.#tails.get(room) ?? Promise.resolve();
    const result = tail.then(task, task);
    const settled = result.catch(() => undefined);
    this.#tails.set(room, settled);
    void settled.then(() => {
      if (this.#tails.get(room) === settled) this.#tails.delete(room);
    });
    return result;
  }

  /** Resolves when every room's queue has drained. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.allSettled([...this.#tails.values()]);
  }
}
