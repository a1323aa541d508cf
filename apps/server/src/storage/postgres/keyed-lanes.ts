/**
 * Runs tasks one at a time per key, in the order they were given, and tasks of different
 * keys side by side. PostgresStorage writes a room's log (and a client's KeyPackages)
 * through one lane, so this server stores them in the order the frames arrived, as
 * SqliteStorage's batches do; the database's locks order writers of other servers.
 */
export class KeyedLanes {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.#tails.set(key, tail);
    // The map holds only lanes with work queued.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
