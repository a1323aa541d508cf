import { type ClientId, encodeFrame, type RoomId } from '@yam/protocol';
import type { Bus, BusMessage } from '../bus/bus.ts';
import { PresenceGrace } from './presence-grace.ts';
import type { RoomFanOut, RoomMember } from './relay-plugin.ts';

type LocalRoom = {
  room: RoomId;
  members: Set<RoomMember>;
  /** Subscribed connections per client ID: presence changes at 0 <-> 1. [P-ROOM3] */
  clients: Map<ClientId, number>;
  stopBus: () => void;
};

const topicOf = (room: RoomId) => `room:${room}`;
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

  /** `presenceGraceMs`: how long a client whose last connection closed still counts as online. [P-PRES1] */
  constructor(bus: Bus, onError: (error: unknown) => void, presenceGraceMs = 0) {
    this.#bus = bus;
    this.#onError = onError;
    this.#grace = new PresenceGrace(presenceGraceMs, (room, clientId) =>
      this.#presence(room as RoomId, clientId as ClientId, 'offline'),
    );
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
      };
      created.stopBus = this.#bus.subscribe(topicOf(room), (m) => this.#deliver(created, m));
      this.#rooms.set(room, created);
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
    }
  }

  /** Client IDs with a subscribed connection in this process. */
  members(room: RoomId): ClientId[] {
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
    const frame = encodeFrame({ t: 'presence', room, clientId, state });
    // The client itself is skipped: its own connections know they joined or left.
    this.#bus.publish(topicOf(room), `${clientId}\n${frame}`).catch(this.#onError);
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
