import { Redis } from 'ioredis';
import type { Bus, BusHandler, BusMessage } from '../bus.ts';
import { BusUnreachableError, redactUrl } from '../bus-unreachable.ts';

export type RedisBusOptions = {
  /** Put before every channel name, so several Yam deployments (or test runs) share one Redis. */
  prefix?: string;
  /** Connection problems after start (Redis restarting); the bus reconnects by itself. */
  onError?: (error: Error) => void;
  /** How long the first connection may take before `connect` gives up. */
  connectTimeoutMs?: number;
};

/** The longest `ready()` waits for Redis to confirm subscriptions. */
const READY_WAIT_MS = 3_000;

/** The first byte of every Redis message: what the rest is. */
const TEXT = 0;
const BYTES = 1;

/**
 * Fan-out through Redis pub/sub: one publisher and one subscriber connection per process,
 * any number of handlers per topic on top. Messages are tagged text or bytes, so both
 * arrive as they were sent. Redis keeps each publisher's order per channel; this bus
 * also holds back a publish until its own earlier subscriptions are active, so a process
 * hears what it publishes after subscribing. Messages published while a connection is
 * down are lost (pub/sub keeps nothing): `onResume` listeners then run.
 */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #topics = new Map<string, Set<BusHandler>>();
  /** SUBSCRIBE commands Redis has not confirmed yet. */
  readonly #pending = new Set<Promise<unknown>>();
  readonly #resumeListeners = new Set<() => void>();
  /** Publishes waiting behind pending subscriptions, issued in call order. */
  #queued = 0;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(pub: Redis, sub: Redis, prefix: string) {
    this.#pub = pub;
    this.#sub = sub;
    this.#prefix = prefix;
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.#deliver(channel.toString('utf8'), message),
    );
  }

  /**
   * Opens both connections; rejects with a one-line reason when Redis cannot be reached,
   * instead of retrying forever. Once connected, lost connections are retried by themselves.
   */
  static async connect(url: string, options: RedisBusOptions = {}): Promise<RedisBus> {
    const onError = options.onError ?? (() => {});
    let started = false;
    /** What actually went wrong at start: `connect()` only says the connection closed. */
    let firstError: Error | undefined;
    const make = (publisher: boolean) => {
      const redis = new Redis(url, {
        lazyConnect: true,
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        // Before the first success: fail at once. After: back off up to 2 s, forever.
        retryStrategy: (times) => (started ? Math.min(times * 100, 2_000) : null),
        // A publish while Redis is away fails at once (clients catch up from storage);
        // a subscribe waits for the connection, so no subscription is ever dropped.
        enableOfflineQueue: !publisher,
        maxRetriesPerRequest: publisher ? 1 : null,
        autoResubscribe: true,
      });
      redis.on('error', (error: Error) => {
        if (started) onError(error);
        else firstError ??= error;
      });
      return redis;
    };
    const pub = make(true);
    const sub = make(false);
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (error) {
      pub.disconnect();
      sub.disconnect();
      const cause = firstError ?? error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new BusUnreachableError(`cannot reach Redis at ${redactUrl(url)}: ${reason}`);
    }
    started = true;
    const bus = new RedisBus(pub, sub, options.prefix ?? 'yam:');
    // Connected now: each later 'ready' follows a reconnect, of the subscriber (messages
    // to us were lost) or of the publisher (our publishes failed meanwhile).
    // After a Redis restart both come back: the resync runs once, when the second is ready.
    const resumed = () => {
      if (pub.status === 'ready' && sub.status === 'ready') bus.#resumed();
    };
    sub.on('ready', resumed);
    pub.on('ready', resumed);
    return bus;
  }

  publish(topic: string, message: BusMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('bus is closed'));
    const channel = this.#prefix + topic;
    const body = encode(message);
    const send = () => this.#pub.publish(channel, body).then(() => {});
    if (this.#pending.size === 0 && this.#queued === 0) return send();
    // Behind our own pending subscriptions; later publishes queue behind this one.
    this.#queued++;
    const gate = Promise.allSettled([...this.#pending]);
    let sent: Promise<void> = Promise.resolve();
    this.#tail = this.#tail
      .then(() => gate)
      .then(() => {
        this.#queued--;
        sent = send();
      });
    return this.#tail.then(() => sent);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    if (this.#closed) throw new Error('bus is closed');
    const channel = this.#prefix + topic;
    let handlers = this.#topics.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#topics.set(channel, handlers);
      this.#track(this.#sub.subscribe(channel));
    }
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: BusHandler = (message) => handler(message);
    handlers.add(entry);
    return () => {
      const current = this.#topics.get(channel);
      if (!current?.delete(entry) || current.size > 0) return;
      this.#topics.delete(channel);
      if (!this.#closed) this.#track(this.#sub.unsubscribe(channel));
    };
  }

  /** The publisher connection, for state shared through Redis besides pub/sub (counters). */
  get commands(): Redis {
    return this.#pub;
  }

  /**
   * The one secret every instance uses (upload tokens, TURN credentials): the first
   * instance's `mine` is stored under the prefix; later ones read it back.
   */
  async sharedSecret(mine: Uint8Array): Promise<Uint8Array> {
    const key = `${this.#prefix}secret`;
    await this.#pub.set(key, Buffer.from(mine), 'NX');
    const stored = await this.#pub.getBuffer(key);
    return stored && stored.length >= 32 ? new Uint8Array(stored) : mine;
  }

  /**
   * Waits at most `READY_WAIT_MS`: while Redis is away a subscription cannot be confirmed,
   * and a request must not hang on it (nor a shutdown on the request). Whatever is missed
   * meanwhile is caught up after `onResume`.
   */
  async ready(): Promise<void> {
    if (this.#pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, READY_WAIT_MS);
      timer.unref();
    });
    const confirmed = (async () => {
      while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    })();
    await Promise.race([confirmed, timeout]);
    clearTimeout(timer);
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
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
  }

  #track(command: Promise<unknown>): void {
    const settled = command.then(
      () => {},
      () => {},
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
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

  #deliver(channel: string, body: Buffer): void {
    const handlers = this.#topics.get(channel);
    if (!handlers || body.length === 0) return;
    const message = decode(body);
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

function encode(message: BusMessage): Buffer {
  if (typeof message === 'string') {
    const body = Buffer.allocUnsafe(1 + Buffer.byteLength(message));
    body[0] = TEXT;
    body.write(message, 1, 'utf8');
    return body;
  }
  const body = Buffer.allocUnsafe(1 + message.byteLength);
  body[0] = BYTES;
  body.set(message, 1);
  return body;
}

function decode(body: Buffer): BusMessage | undefined {
  if (body[0] === TEXT) return body.toString('utf8', 1);
  if (body[0] === BYTES) return new Uint8Array(body.subarray(1));
  return undefined;
}
