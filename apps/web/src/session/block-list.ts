import { signal } from '@preact/signals';
import type { ClientId } from '@yam/protocol';
import type { TabRooms } from './tab-rooms.ts';

type Blocks = TabRooms['blocks'];

/**
 * This device's block list on one server, as UI state: the SDK's `rooms.blocks` (which
 * refuses the blocked people's DMs and join requests) with a signal the member list and
 * the timeline (which hides their messages) read.
 */
export class BlockList {
  /** Blocked client IDs (reactive). */
  readonly blocked = signal<ReadonlySet<string>>(new Set());
  readonly #blocks: Blocks;
  readonly #off: () => void;

  constructor(blocks: Blocks) {
    this.#blocks = blocks;
    this.#off = blocks.onChange((list) => this.#set(list));
    void blocks.list().then(
      (list) => this.#set(list),
      () => undefined, // the store did not open: nothing is shown as blocked
    );
  }

  has(clientId: string): boolean {
    return this.blocked.value.has(clientId);
  }

  block(clientId: string): Promise<void> {
    return this.#blocks.block(clientId as ClientId);
  }

  unblock(clientId: string): Promise<void> {
    return this.#blocks.unblock(clientId as ClientId);
  }

  dispose(): void {
    this.#off();
  }

  #set(list: readonly string[]): void {
    this.blocked.value = new Set(list);
  }
}
