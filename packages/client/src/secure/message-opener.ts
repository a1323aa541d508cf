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
import type { SecretEntry, SecretStore } from './secret-store.ts';

export type MessageOpenerHooks = {
  me: string;
  store: SecretStore;
  group(room: string): Promise<RoomGroup | undefined>;
  meta(room: string): Promise<RoomMeta | undefined>;
  save(room: string, group: RoomGroup): Promise<void>;
};

/** Messages opened per step: their plaintexts and the group are written once per step. */
const STEP = 64;

/**
 * Turns room application messages into their plaintext, once: MLS keys decrypt each
 * message a single time, so the result (or why there is none) is cached in the
 * SecretStore and every later look (reload, history) reads the cache. A run of messages
 * is opened together: one read of the cache, then one write of the new plaintexts and one
 * of the group, the plaintexts first, so a crash between them leaves a group that still
 * holds the keys of what was not cached. Never throws for bad input: failures become an
 * OpenProblem. Callers hold the room's queue.
 */
export class MessageOpener {
  readonly #hooks: MessageOpenerHooks;

  constructor(hooks: MessageOpenerHooks) {
    this.#hooks = hooks;
  }

  async open(m: ReceivedMessage): Promise<OpenedMessage> {
    return (await this.openMany([m]))[0]!;
  }

  /** Opens messages of one room, in order (their seq order: MLS ratchets move forward). */
  async openMany(messages: readonly ReceivedMessage[]): Promise<OpenedMessage[]> {
    const out: OpenedMessage[] = [];
    for (let i = 0; i < messages.length; i += STEP) {
      out.push(...(await this.#step(messages.slice(i, i + STEP))));
    }
    return out;
  }

  async #step(messages: readonly ReceivedMessage[]): Promise<OpenedMessage[]> {
    const room = messages[0]?.room;
    if (room === undefined) return [];
    const { store, me } = this.#hooks;
    const keys = messages.map((m) => openedKey(m.room, m.from, m.cmid));
    const cached = await store.getMany('opened', keys);
    const start = await this.#hooks.group(room);
    const meta = start && (await this.#hooks.meta(room));
    let group = start;
    const fresh: SecretEntry[] = [];
    const out = messages.map((m, i): OpenedMessage => {
      const head = { room: m.room, seq: m.seq, from: m.from, cmid: m.cmid, ts: m.ts };
      const hit = cached[i];
      return hit ? { ...head, ...decodeOpened(hit) } : head;
    });
    // A key seen twice in one step (a replay under a new seq) reads the first outcome, as
    // it would from the cache: a second decryption would fail and overwrite it.
    const decided = new Map<string, OpenedContent>();
    for (const [i, m] of messages.entries()) {
      if (cached[i]) continue;
      const seen = decided.get(keys[i]!);
      if (seen) {
        out[i] = { ...out[i]!, ...seen };
        continue;
      }
      // Our own plaintext is stored when sent; MLS cannot decrypt our own messages.
      if (m.from === me) {
        out[i] = { ...out[i]!, problem: 'unreadable' };
        continue;
      }
      const result = await decrypt(group, meta, m);
      if (result.group) group = result.group;
      // Without a group yet (a Welcome still on its way), a later look may do better: only
      // settled outcomes are cached.
      if (result.content.problem !== 'before-join' || start) {
        fresh.push({ key: keys[i]!, value: encodeOpened(result.content) });
        decided.set(keys[i]!, result.content);
      }
      out[i] = { ...out[i]!, ...result.content };
    }
    await store.putMany('opened', fresh);
    if (group && group !== start) await this.#hooks.save(room, group);
    return out;
  }
}

/** One message against the group as it stands; `group` is the group after it, on success. */
async function decrypt(
  group: RoomGroup | undefined,
  meta: RoomMeta | undefined,
  m: ReceivedMessage,
): Promise<{ content: OpenedContent; group?: RoomGroup }> {
  if (!group) return { content: { problem: 'before-join' } };
  let epoch: number;
  try {
    epoch = Number(peekMessage(m.payload).epoch);
  } catch {
    return { content: { problem: 'unreadable' } };
  }
  if (epoch < (meta?.joinEpoch ?? 0)) return { content: { problem: 'before-join' } };
  if (!isActive(group) || meta?.removed) return { content: { problem: 'not-member' } };
  try {
    const opened = await decryptAndOpen(group, m.room, m.payload);
    // The envelope binds the message ID and author: a replay under another cmid or
    // sender (the server chooses neither freely) is not this message.
    if (opened.envelope.messageId !== m.cmid || envelopeAuthor(opened.envelope) !== m.from) {
      return { content: { problem: 'unreadable' }, group: opened.group };
    }
    return {
      content: { body: opened.envelope.body, envelope: encodeEnvelope(opened.envelope) },
      group: opened.group,
    };
  } catch {
    return { content: { problem: 'unreadable' } };
  }
}
