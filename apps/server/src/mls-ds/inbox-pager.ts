import { encodeFrame } from '@yam/protocol';
import type { Peer } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import { toWelcomeEvent } from './wire.ts';

type PagerState = { after: number; inFlight: Set<number>; pulling: boolean; again: boolean };

/**
 * Delivers a connection's waiting Welcomes in pages with flow control: at most `window`
 * items sent and not acked at a time; each ack from that connection lets the next ones
 * go. A full inbox (up to its caps) never lands on a socket at once. [P-DS4]
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
    this.#state.set(peer, { after: 0, inFlight: new Set(), pulling: false, again: false });
    return this.#pull(peer);
  }

  /** The connection acked an item: room for the next. */
  acked(peer: Peer, id: number): Promise<void> {
    const state = this.#state.get(peer);
    if (!state) return Promise.resolve();
    state.inFlight.delete(id);
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
        const room = this.#window - state.inFlight.size;
        if (room <= 0) return;
        const query = { after: state.after, limit: room, notBefore: Date.now() - this.#ttlMs };
        const items = await this.#storage.inbox(peer.clientId, query);
        if (this.#state.get(peer) !== state) return;
        for (const item of items) {
          state.inFlight.add(item.id);
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
