import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import type { JoinPush, MessagePush } from '@yam/protocol';
import type { Logger } from 'pino';
import webPush from 'web-push';
import type { StoredAppMessage } from '../relay/relay-plugin.ts';
import type { PushStore, PushSubscriptionRecord } from './push-store.ts';
import type { VapidKeys } from './vapid-keys.ts';

/** Join request pushes per subscription and room: at most one a minute. [P-PUSH6] */
export const JOIN_PUSH_WINDOW_MS = 60_000;

/** Ciphertexts up to this size ride in the push (base64url plus JSON stays under 4 KB). [P-PUSH3] */
export const MAX_PUSHED_CIPHERTEXT = 2800;

export type PushSenderOptions = {
  vapid: VapidKeys;
  /** VAPID `sub`: the server's public URL or a mailto: the push service may contact. */
  subject: string;
  store: PushStore;
  log: Logger;
  /** Per subscription and room: one push per window; later messages collapse into one. [P-PUSH4] */
  throttleMs?: number;
  ttlSeconds?: number;
  /** For tests against a local push endpoint with its own certificate. */
  agent?: Agent;
  /** Told after each push attempt (status code, or 0 on a network failure): for tests and metrics. */
  onSent?: (endpoint: string, status: number) => void;
};

type Slot = {
  windowMs: number;
  pending?: () => Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
};

/**
 * Sends Web Push with `web-push` (VAPID, RFC 8291 aes128gcm). The payload carries only
 * routing data and the MLS ciphertext as stored (or nothing, a wake-up, when too big):
 * the server has no plaintext to leak. A 404/410 drops the subscription. [P-PUSH3..5]
 */
export class PushSender {
  readonly #options: PushSenderOptions;
  readonly #slots = new Map<string, Slot>();
  #closed = false;

  constructor(options: PushSenderOptions) {
    this.#options = options;
  }

  /** Queues one push per target for this stored message. */
  notify(message: StoredAppMessage, targets: readonly PushSubscriptionRecord[]): void {
    if (this.#closed) return;
    const payload = JSON.stringify(payloadOf(message));
    const topic = topicOf(message.room);
    const windowMs = this.#options.throttleMs ?? 2000;
    for (const target of targets) {
      const key = `${target.clientId} ${target.endpoint} ${message.room}`;
      this.#enqueue(key, windowMs, () => this.#send(target, payload, topic));
    }
  }

  /** Queues a "someone asks to join" push per target, at most one a minute each. [P-PUSH6] */
  notifyJoin(room: string, targets: readonly PushSubscriptionRecord[]): void {
    if (this.#closed) return;
    const push: JoinPush = { v: 1, k: 'join', room: room as JoinPush['room'], ts: Date.now() };
    const payload = JSON.stringify(push);
    const topic = topicOf(`join ${room}`);
    for (const target of targets) {
      const key = `${target.clientId} ${target.endpoint} ${room} join`;
      this.#enqueue(key, JOIN_PUSH_WINDOW_MS, () => this.#send(target, payload, topic));
    }
  }

  close(): void {
    this.#closed = true;
    for (const slot of this.#slots.values()) clearTimeout(slot.timer);
    this.#slots.clear();
  }

  #enqueue(key: string, windowMs: number, job: () => Promise<void>): void {
    const slot = this.#slots.get(key);
    // Within the window: the newest message replaces the waiting one.
    if (slot) {
      slot.pending = job;
      return;
    }
    const fresh: Slot = { windowMs };
    this.#slots.set(key, fresh);
    void this.#run(key, fresh, job);
  }

  async #run(key: string, slot: Slot, job: () => Promise<void>): Promise<void> {
    await job();
    if (this.#closed) return;
    slot.timer = setTimeout(() => {
      const next = slot.pending;
      slot.pending = undefined;
      if (next) void this.#run(key, slot, next);
      else this.#slots.delete(key);
    }, slot.windowMs);
    slot.timer.unref?.();
  }

  async #send(target: PushSubscriptionRecord, payload: string, topic: string): Promise<void> {
    const { vapid, subject, agent, store, log, onSent } = this.#options;
    try {
      const result = await webPush.sendNotification(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        {
          vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: this.#options.ttlSeconds ?? 86_400,
          topic,
          urgency: 'high',
          contentEncoding: 'aes128gcm',
          timeout: 10_000,
          ...(agent ? { agent } : {}),
        },
      );
      onSent?.(target.endpoint, result.statusCode);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 0;
      onSent?.(target.endpoint, status);
      if (status === 404 || status === 410) {
        await store.removeEndpoint(target.endpoint).catch(() => undefined);
        log.info({ status }, 'push subscription gone: removed');
      } else {
        log.warn({ status, err: String((error as Error).message) }, 'push failed');
      }
    }
  }
}

/** What the service worker gets: routing data and the stored ciphertext when it fits. */
export function payloadOf(message: StoredAppMessage): MessagePush {
  const payload: MessagePush = {
    v: 1,
    k: 'msg',
    room: message.room,
    seq: message.seq,
    from: message.from,
    cmid: message.cmid,
    ts: message.ts,
  };
  if (message.payload.length <= MAX_PUSHED_CIPHERTEXT) {
    payload.c = Buffer.from(message.payload).toString('base64url');
  }
  return payload;
}

/** The `Topic` header (≤ 32 base64url characters): one waiting push per room at the push service. */
function topicOf(room: string): string {
  return createHash('sha256').update(room).digest('base64url').slice(0, 32);
}
