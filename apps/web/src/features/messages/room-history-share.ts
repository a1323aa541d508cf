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
import type { HistorySource, PeerShare } from '../../session/room-ports.ts';
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
 * against its author's signature and the server's record at its seq (same author, message
 * ID and time) before it joins the timeline. [P-SIG6]
 */
export class RoomHistoryShare {
  readonly ask = signal<HistoryAsk>({ kind: 'idle' });
  readonly #source: HistorySource & { readonly room: RoomId };
  readonly #openPeers: () => PeerShare;
  readonly #timeline: RoomTimeline;
  /** "Share my history" as the user set it, read at each request. */
  readonly #allow: () => boolean;
  #peers: PeerShare | undefined;
  #disposed = false;

  constructor(
    source: HistorySource & { readonly room: RoomId },
    openPeers: () => PeerShare,
    timeline: RoomTimeline,
    allow: () => boolean,
  ) {
    this.#source = source;
    this.#openPeers = openPeers;
    this.#timeline = timeline;
    this.#allow = allow;
  }

  get #room(): RoomId {
    return this.#source.room;
  }

  async start(): Promise<void> {
    if (this.#disposed) return;
    this.#peers = this.#openPeers();
    this.#peers.peers.handle(HISTORY_LABEL, (_peer, channel) =>
      serveHistory(channel, {
        room: this.#room,
        allow: this.#allow,
        load: (before, limit) => this.#load(before, limit),
      }),
    );
  }

  /** Asks every other online member; merges what verifies. */
  async request(): Promise<void> {
    const peers = this.#peers?.peers;
    if (!peers || this.ask.value.kind === 'asking') return;
    this.ask.value = { kind: 'asking' };
    const others = peers.others();
    try {
      const shared = await requestHistory({
        room: this.#room,
        peers: others,
        open: (peer, label) => peers.open(peer, label),
        before: this.#timeline.historyBefore(),
        verifyForwarded: (m) => verifyForwardedEnvelope(m) !== undefined,
        // Only where the server's log agrees on author, ID and time: no moved or back-dated messages.
        serverLog: (seqs) => this.#source.serverLog(seqs),
      });
      const opened: OpenedMessage[] = [];
      for (const m of shared) {
        const o = await this.#source.adoptShared(m, m.sharedBy);
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
    this.#peers?.release();
  }

  /** Stored messages before `before` as their signed envelopes (only the readable ones). */
  async #load(before: number, limit: number): Promise<ReceivedMessage[]> {
    const page = await this.#source.stored({ before, limit });
    const out: ReceivedMessage[] = [];
    for (const m of page) {
      if (m.kind !== 'message') continue;
      const envelope = await this.#source.signedEnvelope(m);
      if (!envelope) continue;
      // The peer protocol carries the transport form: an application message (no kind).
      const { kind: _kind, ...head } = m;
      out.push({ ...head, payload: envelope });
    }
    return out;
  }
}
