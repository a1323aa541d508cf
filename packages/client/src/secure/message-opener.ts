import {
  decryptAndOpen,
  encodeEnvelope,
  envelopeAuthor,
  isActive,
  peekMessage,
  type RoomGroup,
} from '@yam/crypto';
import type { ReceivedMessage } from '../types.ts';
import {
  decodeOpened,
  encodeOpened,
  type OpenedContent,
  type OpenedMessage,
  openedKey,
} from './opened-message.ts';
import type { RoomMeta } from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';

export type MessageOpenerHooks = {
  me: string;
  store: SecretStore;
  group(room: string): Promise<RoomGroup | undefined>;
  meta(room: string): Promise<RoomMeta | undefined>;
  save(room: string, group: RoomGroup): Promise<void>;
};

/**
 * Turns a room application message into its plaintext, once: MLS keys decrypt each
 * message a single time, so the result (or why there is none) is cached in the
 * SecretStore and every later look (reload, history) reads the cache. Never throws for
 * bad input: failures become an OpenProblem. Callers hold the room's queue.
 */
export class MessageOpener {
  readonly #hooks: MessageOpenerHooks;

  constructor(hooks: MessageOpenerHooks) {
    this.#hooks = hooks;
  }

  async open(m: ReceivedMessage): Promise<OpenedMessage> {
    const head = { room: m.room, seq: m.seq, from: m.from, cmid: m.cmid, ts: m.ts };
    const key = openedKey(m.room, m.from, m.cmid);
    const cached = await this.#hooks.store.get('opened', key);
    if (cached) return { ...head, ...decodeOpened(cached) };
    // Our own plaintext is stored when sent; MLS cannot decrypt our own messages.
    if (m.from === this.#hooks.me) return { ...head, problem: 'unreadable' };
    const result = await this.#decrypt(m);
    // Without a group yet (a Welcome still on its way), a later look may do better: only
    // settled outcomes are cached.
    if (result.problem !== 'before-join' || (await this.#hooks.group(m.room))) {
      await this.#hooks.store.put('opened', key, encodeOpened(result));
    }
    return { ...head, ...result };
  }

  async #decrypt(m: ReceivedMessage): Promise<OpenedContent> {
    const group = await this.#hooks.group(m.room);
    if (!group) return { problem: 'before-join' };
    const meta = await this.#hooks.meta(m.room);
    let epoch: number;
    try {
      epoch = Number(peekMessage(m.payload).epoch);
    } catch {
      return { problem: 'unreadable' };
    }
    if (epoch < (meta?.joinEpoch ?? 0)) return { problem: 'before-join' };
    if (!isActive(group) || meta?.removed) return { problem: 'not-member' };
    try {
      const opened = await decryptAndOpen(group, m.room, m.payload);
      await this.#hooks.save(m.room, opened.group);
      // The envelope binds the message ID and author: a replay under another cmid or
      // sender (the server chooses neither freely) is not this message.
      if (opened.envelope.messageId !== m.cmid || envelopeAuthor(opened.envelope) !== m.from) {
        return { problem: 'unreadable' };
      }
      return { body: opened.envelope.body, envelope: encodeEnvelope(opened.envelope) };
    } catch {
      return { problem: 'unreadable' };
    }
  }
}
