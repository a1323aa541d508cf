import { connect, type NatsConnection, type Subscription } from 'nats';
import type { Bus, BusHandler, BusMessage } from '../bus.ts';
import { BusUnreachableError, redactUrl } from '../bus-unreachable.ts';

export type NatsBusOptions = {
  /** Put before every subject, so several deployments (or test runs) share one NATS. */
  prefix?: string;
  onError?: (error: Error) => void;
  connectTimeoutMs?: number;
};

/** The first byte of every message: what the rest is. */
const TEXT = 0;
const BYTES = 1;

/**
 * Fan-out through NATS core pub/sub, the same contract as `RedisBus`: one connection per
 * process, handlers per topic on top, tagged text or bytes. NATS keeps each publisher's
 * order per subject; `ready()` is a flush, after which the server has every subscription.
 * Nothing is kept while a connection is down: `onResume` listeners run after a reconnect.
 */
export class NatsBus implements Bus {
  readonly #nc: NatsConnection;
  readonly #prefix: string;
  readonly #topics = new Map<string, { handlers: Set<BusHandler>; sub: Subscription }>();
  readonly #resumeListeners = new Set<() => void>();
  #closed = false;

  private constructor(nc: NatsConnection, prefix: string, onError: (error: Error) => void) {
    this.#nc = nc;
    this.#prefix = prefix;
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'reconnect') this.#resumed();
        else if (status.type === 'error') onError(new Error(String(status.data)));
      }
    })();
  }

  /** Connects; rejects with a one-line reason when NATS cannot be reached. */
  static async connect(url: string, options: NatsBusOptions = {}): Promise<NatsBus> {
    try {
      const nc = await connect({
        servers: url,
        timeout: options.connectTimeoutMs ?? 5_000,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
      return new NatsBus(nc, options.prefix ?? 'yam.', options.onError ?? (() => {}));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BusUnreachableError(`cannot reach NATS at ${redactUrl(url)}: ${reason}`);
    }
  }

  async publish(topic: string, message: BusMessage): Promise<void> {
    if (this.#closed) throw new Error('bus is closed');
    this.#nc.publish(this.#subject(topic), encode(message));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    if (this.#closed) throw new Error('bus is closed');
    const subject = this.#subject(topic);
    let entry = this.#topics.get(subject);
    if (!entry) {
      const handlers = new Set<BusHandler>();
      const sub = this.#nc.subscribe(subject, {
        callback: (error, msg) => {
          if (!error) this.#deliver(handlers, msg.data);
        },
      });
      entry = { handlers, sub };
      this.#topics.set(subject, entry);
    }
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const wrapped: BusHandler = (message) => handler(message);
    entry.handlers.add(wrapped);
    const current = entry;
    return () => {
      if (!current.handlers.delete(wrapped) || current.handlers.size > 0) return;
      this.#topics.delete(subject);
      if (!this.#closed) current.sub.unsubscribe();
    };
  }

  /** A round trip to the server: every SUB sent before it has been processed. */
  async ready(): Promise<void> {
    if (this.#closed) return;
    await Promise.race([
      this.#nc.flush(),
      new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref()),
    ]);
  }

  onResume(listener: () => void): () => void {
    this.#resumeListeners.add(listener);
    return () => this.#resumeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#topics.clear();
    this.#resumeListeners.clear();
    await this.#nc.close();
  }

  /** NATS splits subjects at '.', which room IDs may hold; '%' is in no topic. */
  #subject(topic: string): string {
    return this.#prefix + topic.replaceAll('.', '%');
  }

  #resumed(): void {
    for (const listener of [...this.#resumeListeners]) {
      try {
        listener();
      } catch {
        // A broken listener must not keep the others from running.
      }
    }
  }

  #deliver(handlers: Set<BusHandler>, body: Uint8Array): void {
    if (body.length === 0) return;
    const message: BusMessage | undefined =
      body[0] === TEXT
        ? Buffer.from(body.buffer, body.byteOffset + 1, body.length - 1).toString('utf8')
        : body[0] === BYTES
          ? new Uint8Array(body.subarray(1))
          : undefined;
    if (message === undefined) return;
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch {
        // One broken subscriber must not stop delivery to the others.
      }
    }
  }
}

function encode(message: BusMessage): Uint8Array {
  if (typeof message === 'string') {
    const body = Buffer.allocUnsafe(1 + Buffer.byteLength(message));
    body[0] = TEXT;
    body.write(message, 1, 'utf8');
    return body;
  }
  const body = new Uint8Array(1 + message.byteLength);
  body[0] = BYTES;
  body.set(message, 1);
  return body;
}
