/**
 * Delays "offline" after a client's last connection in a room closes, so a reload (close,
 * then reconnect a moment later) does not flicker offline and online. [P-PRES1]
 */
export class PresenceGrace {
  readonly #ms: number;
  readonly #expire: (room: string, clientId: string) => void;
  /** Pending timers by room, then client ID. */
  readonly #timers = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();

  /** `expire` runs when a grace ends without the client coming back. */
  constructor(ms: number, expire: (room: string, clientId: string) => void) {
    this.#ms = ms;
    this.#expire = expire;
  }

  /** Starts the grace of a client in a room; with a zero grace it expires at once. */
  start(room: string, clientId: string): void {
    if (this.#ms <= 0) {
      this.#expire(room, clientId);
      return;
    }
    this.cancel(room, clientId);
    const timer = setTimeout(() => {
      this.#forget(room, clientId);
      this.#expire(room, clientId);
    }, this.#ms);
    // A pending "offline" must not keep a stopping process alive.
    timer.unref?.();
    let byClient = this.#timers.get(room);
    if (!byClient) {
      byClient = new Map();
      this.#timers.set(room, byClient);
    }
    byClient.set(clientId, timer);
  }

  /** Ends a pending grace without expiring it; true when there was one. */
  cancel(room: string, clientId: string): boolean {
    const timer = this.#timers.get(room)?.get(clientId);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.#forget(room, clientId);
    return true;
  }

  /** Client IDs of a room within their grace: still shown as online. */
  pending(room: string): string[] {
    return [...(this.#timers.get(room)?.keys() ?? [])];
  }

  /** Drops every pending grace silently. */
  clear(): void {
    for (const byClient of this.#timers.values())
      for (const t of byClient.values()) clearTimeout(t);
    this.#timers.clear();
  }

  #forget(room: string, clientId: string): void {
    const byClient = this.#timers.get(room);
    byClient?.delete(clientId);
    if (byClient?.size === 0) this.#timers.delete(room);
  }
}
