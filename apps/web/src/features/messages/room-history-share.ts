import { signal } from '@preact/signals';
import {
  HISTORY_LABEL,
  type OpenedMessage,
  type ReceivedMessage,
  requestHistory,
  serveHistory,
  verifyForwardedEnvelope,
} from '@yam/client';
import type { RoomId } from '@yam/protocol';
import type { ClientSession } from '../../app/client-session.ts';
import { loadOrCreateIdentity } from '../../platform/idb/idb-identity.ts';
import { createRoomPeers } from '../../platform/webrtc/room-peers.ts';
import { shareHistory } from '../settings/share-history.ts';
import type { RoomTimeline } from './room-timeline.ts';

/** What the "Request history from others" button last did. */
export type HistoryAsk =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'done'; count: number }
  | { kind: 'none' };

/**
 * History between members of the open room, peer to peer: answers other members' requests
 * with the signed envelopes this device holds (when "Share my history" is on), and asks the
 * online members for what this device cannot read — each forwarded message is checked
 * against its author's signature before it joins the timeline. [P-SIG6]
 */
export class RoomHistoryShare {
  readonly ask = signal<HistoryAsk>({ kind: 'idle' });
  readonly #session: ClientSession;
  readonly #room: RoomId;
  readonly #timeline: RoomTimeline;
  #peers: ReturnType<typeof createRoomPeers> | undefined;
  #disposed = false;

  constructor(session: ClientSession, room: RoomId, timeline: RoomTimeline) {
    this.#session = session;
    this.#room = room;
    this.#timeline = timeline;
  }

  async start(): Promise<void> {
    const identity = await loadOrCreateIdentity();
    if (this.#disposed) return;
    this.#peers = createRoomPeers(this.#session.client, identity, this.#room);
    this.#peers.peers.handle(HISTORY_LABEL, (_peer, channel) =>
      serveHistory(channel, {
        room: this.#room,
        allow: () => shareHistory.value,
        load: (before, limit) => this.#load(before, limit),
      }),
    );
  }

  /** Asks every other online member; merges what verifies. */
  async request(): Promise<void> {
    const peers = this.#peers?.peers;
    if (!peers || this.ask.value.kind === 'asking') return;
    this.ask.value = { kind: 'asking' };
    const { client, secure } = this.#session;
    const others = client.members(this.#room).filter((m) => m !== client.clientId);
    try {
      const shared = await requestHistory({
        room: this.#room,
        peers: others,
        open: (peer, label) => peers.open(peer, label),
        before: this.#timeline.historyBefore(),
        verifyForwarded: (m) => verifyForwardedEnvelope(m) !== undefined,
      });
      const opened: OpenedMessage[] = [];
      for (const m of shared) {
        const o = await secure.rooms.adoptShared(m, m.sharedBy);
        if (o?.sharedBy) opened.push(o);
      }
      if (this.#disposed) return;
      this.#timeline.mergeShared(opened);
      this.ask.value = opened.length ? { kind: 'done', count: opened.length } : { kind: 'none' };
    } catch {
      if (!this.#disposed) this.ask.value = { kind: 'none' };
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#peers?.dispose();
  }

  /** Stored messages before `before` as their signed envelopes (only the readable ones). */
  async #load(before: number, limit: number): Promise<ReceivedMessage[]> {
    const { store, secure } = this.#session;
    const page = await store.getMessages(this.#room, { beforeSeq: before, limit });
    const out: ReceivedMessage[] = [];
    for (const m of page) {
      const envelope = await secure.rooms.signedEnvelope(m);
      if (envelope) out.push({ ...m, payload: envelope });
    }
    return out;
  }
}
