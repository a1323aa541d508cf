import type { Bus, BusHandler, BusMessage } from '../bus.ts';

const RESOLVED = Promise.resolve();

/** In-process bus: one `yam serve` needs nothing more. Delivery is synchronous, in order. */
export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Set<BusHandler>>();
  #closed = false;

  async publish(topic: string, message: BusMessage): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    const handlers = this.#topics.get(topic);
    if (!handlers) return;
    // A copy, so a handler that (un)subscribes during delivery does not disturb this loop.
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch {
        // One broken subscriber must not stop delivery to the others.
      }
    }
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.#topics.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.#topics.set(topic, handlers);
    }
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: BusHandler = (message) => handler(message);
    handlers.add(entry);
    return () => {
      const current = this.#topics.get(topic);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) this.#topics.delete(topic);
    };
  }

  /** Subscriptions take effect at once in one process. */
  ready(): Promise<void> {
    return RESOLVED;
  }

  /** One process never loses its bus. */
  onResume(_listener: () => void): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#topics.clear();
  }
}
