import { type ClientId, encodeFrame, type RoomId } from '@yam/protocol';
import type { Bus, BusMessage } from '../bus/bus.ts';
import { type ClusterOptions, ClusterPresence } from './cluster-presence.ts';
import { PresenceGrace } from './presence-grace.ts';
import type { RoomFanOut, RoomMember } from './relay-plugin.ts';
import { roomTopic } from './topics.ts';
import { WireFrame } from './wire-frame.ts';

type LocalRoom = {
  room: RoomId;
  members: Set<RoomMember>;
  /** Subscribed connections per client ID: presence changes at 0 <-> 1. [P-ROOM3] */
  clients: Map<ClientId, number>;
  stopBus: () => void;
  /** With other processes: the clients this room's local members were last told are online. */
  shown?: Set<ClientId>;
};

const topicOf = roomTopic;
/** In the skip part of a bus message: the rest is a JSON list of client IDs to evict. */
const EVICT = '!evict';

/**
 * Which local connections are subscribed to which rooms. Everything a room receives
 * comes through the bus, so other processes sharing the bus see the same traffic.
 * A bus message is `<client ID to skip>\n<frame>`; the skip part is empty for `msg`.
 */
export class Rooms implements RoomFanOut {
  readonly #bus: Bus;
  readonly #rooms = new Map<RoomId, LocalRoom>();
  readonly #onError: (error: unknown) => void;
  readonly #grace: PresenceGrace;
  /** Set when other processes share the bus: presence is then the union of all of them. */
  readonly #cluster: ClusterPresence | undefined;

  /**
   * `presenceGraceMs`: how long a client whose last connection closed still counts as
   * online. [P-PRES1] `cluster`: other processes serve the same rooms through this bus.
   */
  constructor(
    bus: Bus,
    onError: (error: unknown) => void,
    presenceGraceMs = 0,
    cluster?: ClusterOptions,
  ) {
    this.#bus = bus;
    this.#onError = onError;
    this.#grace = new PresenceGrace(presenceGraceMs, (room, clientId) =>
      this.#presence(room as RoomId, clientId as ClientId, 'offline'),
    );
    this.#cluster = cluster
      ? new ClusterPresence(bus, cluster, {
          clients: (room) => this.#localClients(room),
          rooms: () => this.#rooms.keys(),
          refresh: (room, clientId) => this.#refresh(room, clientId),
          onError,
        })
      : undefined;
  }

  /** Resolves once this process's subscriptions are live on the bus. */
  ready(): Promise<void> {
    return this.#bus.ready();
  }

  /** Resolves once the other processes said who is online in `room` (at once with none). */
  known(room: RoomId): Promise<void> {
    return this.#cluster?.known(room) ?? RESOLVED;
  }

  /** Adds a member; announces its client online when this is its first connection here. */
  join(room: RoomId, member: RoomMember): void {
    let local = this.#rooms.get(room);
    if (!local) {
      const created: LocalRoom = {
        room,
        members: new Set(),
        clients: new Map(),
        stopBus: () => {},
        ...(this.#cluster ? { shown: new Set(this.#grace.pending(room) as ClientId[]) } : {}),
      };
      created.stopBus = this.#bus.subscribe(topicOf(room), (m) => this.#deliver(created, m));
      this.#rooms.set(room, created);
      this.#cluster?.opened(room);
      local = created;
    }
    if (local.members.has(member)) return;
    local.members.add(member);
    const count = local.clients.get(member.clientId) ?? 0;
    local.clients.set(member.clientId, count + 1);
    // Back within the grace: it never went offline, so it does not come online either. [P-PRES1]
    if (count === 0 && !this.#grace.cancel(room, member.clientId)) {
      this.#presence(room, member.clientId, 'online');
    }
  }

  /**
   * Removes a member; announces its client offline when that was its last connection here:
   * after the presence grace when the connection closed, at once when it unsubscribed
   * (`immediate`). [P-ROOM3] [P-PRES1]
   */
  leave(room: RoomId, member: RoomMember, immediate = false): void {
    const local = this.#rooms.get(room);
    if (!local?.members.delete(member)) return;
    const count = (local.clients.get(member.clientId) ?? 1) - 1;
    if (count > 0) {
      local.clients.set(member.clientId, count);
    } else {
      local.clients.delete(member.clientId);
      if (immediate) this.#presence(room, member.clientId, 'offline');
      else this.#grace.start(room, member.clientId);
    }
    if (local.members.size === 0) {
      local.stopBus();
      this.#rooms.delete(room);
      this.#cluster?.closed(room);
    }
  }

  /** Client IDs online in the room: here (or within the grace) and in other processes. */
  members(room: RoomId): ClientId[] {
    const online = new Set(this.#localClients(room));
    for (const clientId of this.#cluster?.remote(room) ?? []) online.add(clientId);
    return [...online];
  }

  #localClients(room: RoomId): ClientId[] {
    const online = new Set(this.#rooms.get(room)?.clients.keys());
    for (const clientId of this.#grace.pending(room)) online.add(clientId as ClientId);
    return [...online];
  }

  /** Client IDs with a connection subscribed right now in this process (no grace). */
  connected(room: RoomId): ClientId[] {
    return [...(this.#rooms.get(room)?.clients.keys() ?? [])];
  }

  /** Fans a stored message out to every subscriber, through the bus. [P-ROOM2] */
  publish(room: RoomId, frame: string): Promise<void> {
    return this.#bus.publish(topicOf(room), `\n${frame}`);
  }

  /** Stops pending presence timers without announcing anything (server shutdown). [P-PRES1] */
  close(): void {
    this.#grace.clear();
    this.#cluster?.close();
  }

  /** Fans a frame out to every subscriber but the connections of `skip`. [P-DS5] [P-DS6] */
  publishExcept(room: RoomId, frame: string, skip: ClientId): Promise<void> {
    return this.#bus.publish(topicOf(room), `${skip}\n${frame}`);
  }

  /** [P-MEM4] On the room's topic, so it comes after every frame published before it. */
  evict(room: RoomId, clientIds: readonly ClientId[]): Promise<void> {
    return this.#bus.publish(topicOf(room), `${EVICT}\n${JSON.stringify(clientIds)}`);
  }

  #presence(room: RoomId, clientId: ClientId, state: 'online' | 'offline'): void {
    if (this.#cluster) {
      // Every process works out for its own connections whether the union changed.
      this.#cluster.changed(room, clientId, state);
      this.#refresh(room, clientId);
      return;
    }
    const frame = encodeFrame({ t: 'presence', room, clientId, state });
    // The client itself is skipped: its own connections know they joined or left.
    this.#bus.publish(topicOf(room), `${clientId}\n${frame}`).catch(this.#onError);
  }

  /** Tells this room's local members when a client's presence across processes changed. */
  #refresh(room: RoomId, clientId: ClientId): void {
    const local = this.#rooms.get(room);
    const shown = local?.shown;
    if (!local || !shown) return;
    const online =
      local.clients.has(clientId) ||
      this.#grace.pending(room).includes(clientId) ||
      (this.#cluster?.has(room, clientId) ?? false);
    if (online === shown.has(clientId)) return;
    if (online) shown.add(clientId);
    else shown.delete(clientId);
    const frame = encodeFrame({
      t: 'presence',
      room,
      clientId,
      state: online ? 'online' : 'offline',
    });
    // The client itself is skipped: its own connections know they joined or left.
    this.#deliverFrame(local, frame, clientId);
  }

  #evict(local: LocalRoom, list: string): void {
    const gone = new Set<string>(JSON.parse(list) as string[]);
    for (const member of [...local.members]) {
      if (!gone.has(member.clientId)) continue;
      try {
        member.evicted?.(local.room);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  #deliver(local: LocalRoom, message: BusMessage): void {
    const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
    const cut = text.indexOf('\n');
    if (cut < 0) return;
    const skip = text.slice(0, cut);
    const frame = text.slice(cut + 1);
    if (skip === EVICT) {
      this.#evict(local, frame);
      return;
    }
    if (skip.startsWith('!')) {
      this.#cluster?.handle(local.room, skip, frame);
      return;
    }
    this.#deliverFrame(local, frame, skip);
  }

  #deliverFrame(local: LocalRoom, text: string, skip: string): void {
    // Encoded and framed once for the whole room, not once per member.
    const frame = local.members.size > 1 ? new WireFrame(text) : text;
    for (const member of local.members) {
      if (member.clientId === skip) continue;
      try {
        member.deliver(frame);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}

const RESOLVED = Promise.resolve();
