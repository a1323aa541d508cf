import { encodeFrame } from '@yam/protocol';
import type { Peer } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import { toWelcomeEvent } from './wire.ts';

/** `after`: the highest item ID sent to this connection. */
type PagerState = { after: number; pulling: boolean; again: boolean };

/**
 * Delivers a connection's waiting Welcomes in pages with flow control: only the oldest
 * `window` items of the inbox are ever out, and those it holds unacked keep their place,
 * so each ack (which deletes an item) lets the next one go. A full inbox never lands on a
 * socket at once. Nothing is counted here: storage is the truth, so a lost or duplicate ack
 * cannot stall the window. [P-DS4]
 */
export class InboxPager {
  readonly #storage: Storage;
  readonly #window: number;
  readonly #ttlMs: number;
  readonly #state = new Map<Peer, PagerState>();

  constructor(storage: Storage, options: { window: number; ttlMs: number }) {
    this.#storage = storage;
    this.#window = options.window;
    this.#ttlMs = options.ttlMs;
  }

  /** After `ready`: the first page. */
  start(peer: Peer): Promise<void> {
    this.#state.set(peer, { after: 0, pulling: false, again: false });
    return this.#pull(peer);
  }

  /** The connection acked an item: room for the next. */
  acked(peer: Peer): Promise<void> {
    return this.#pull(peer);
  }

  stop(peer: Peer): void {
    this.#state.delete(peer);
  }

  async #pull(peer: Peer): Promise<void> {
    const state = this.#state.get(peer);
    if (!state) return;
    if (state.pulling) {
      state.again = true;
      return;
    }
    state.pulling = true;
    try {
      do {
        state.again = false;
        const query = { after: 0, limit: this.#window, notBefore: Date.now() - this.#ttlMs };
        const oldest = await this.#storage.inbox(peer.clientId, query);
        if (this.#state.get(peer) !== state) return;
        for (const item of oldest) {
          if (item.id <= state.after) continue; // sent, not acked yet: it keeps its place
          state.after = item.id;
          peer.deliver(encodeFrame(toWelcomeEvent(item)));
        }
      } while (state.again);
    } catch (error) {
      peer.log.error({ err: String(error), clientId: peer.clientId }, 'inbox delivery failed');
    } finally {
      state.pulling = false;
    }
  }
}
