import type { ClientId, RoomId } from '@yam/protocol';
import type { Bus } from '../bus/bus.ts';
import { roomTopic } from './topics.ts';

export type ClusterOptions = {
  /** This process's name on the bus; unique per process (random). */
  instanceId: string;
  /** How often this process says it is alive. */
  heartbeatMs: number;
  /** A process silent this long is gone: its clients go offline for everyone else. */
  leaseMs: number;
};

/** What the cluster view needs of this process's rooms. */
export type LocalPresence = {
  /** Client IDs this process counts as online in `room` (connected or within the grace). */
  clients(room: RoomId): ClientId[];
  /** Rooms with a subscribed connection here. */
  rooms(): Iterable<RoomId>;
  /** Something changed about `clientId` in `room` elsewhere: recheck what locals were shown. */
  refresh(room: RoomId, clientId: ClientId): void;
  onError(error: unknown): void;
};

const INSTANCES = 'instances';
/** Where an instance asks who is online in a room it starts serving: every instance answers. */
const WHO_TOPIC = 'who';
/** Control kinds on a room's topic; `Rooms` routes every `!`-kind but its own here. */
export const PRESENCE = '!p';
const HERE = '!here';

/**
 * Presence across processes: which other processes have which clients online in the rooms
 * this one serves. Each process announces its own changes on the room's topic (`!p`);
 * one that starts serving a room asks all others (on `who`) and each answers on the
 * room's topic with its list there (`!here`, maybe empty). Processes say they are alive on a shared topic; one silent for `leaseMs`
 * (killed, cut off) is dropped, and its clients go offline wherever nobody else holds them.
 */
export class ClusterPresence {
  readonly #bus: Bus;
  readonly #options: ClusterOptions;
  readonly #local: LocalPresence;
  /** Room -> other process -> its online clients there. */
  readonly #view = new Map<RoomId, Map<string, Set<ClientId>>>();
  readonly #lastSeen = new Map<string, number>();
  /** Rooms just opened here, waiting for the other processes' answers. */
  readonly #asking = new Map<RoomId, { missing: Set<string>; done: () => void }>();
  readonly #answersOf = new Map<RoomId, Promise<void>>();
  readonly #stopBus: () => void;
  readonly #timer: NodeJS.Timeout;

  constructor(bus: Bus, options: ClusterOptions, local: LocalPresence) {
    this.#bus = bus;
    this.#options = options;
    this.#local = local;
    const stopInstances = bus.subscribe(INSTANCES, (m) => this.#heard(String(m)));
    const stopWho = bus.subscribe(WHO_TOPIC, (m) => this.#asked(String(m)));
    this.#stopBus = () => {
      stopInstances();
      stopWho();
    };
    this.#timer = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#timer.unref();
    this.#beat();
  }

  get instanceId(): string {
    return this.#options.instanceId;
  }

  /** Client IDs other processes hold online in `room`. */
  remote(room: RoomId): ClientId[] {
    const byInstance = this.#view.get(room);
    if (!byInstance) return [];
    const all = new Set<ClientId>();
    for (const clients of byInstance.values()) for (const c of clients) all.add(c);
    return [...all];
  }

  has(room: RoomId, clientId: ClientId): boolean {
    for (const clients of this.#view.get(room)?.values() ?? []) {
      if (clients.has(clientId)) return true;
    }
    return false;
  }

  /** This process started serving `room`: asks who is online elsewhere. */
  opened(room: RoomId): void {
    const now = Date.now();
    const missing = new Set<string>();
    for (const [instance, seen] of this.#lastSeen) {
      if (now - seen <= this.#options.leaseMs) missing.add(instance);
    }
    if (missing.size > 0) {
      let done = () => {};
      const answered = new Promise<void>((resolve) => {
        done = resolve;
      });
      const timer = setTimeout(() => this.#answered(room), this.#options.heartbeatMs);
      timer.unref();
      this.#asking.set(room, {
        missing,
        done: () => {
          clearTimeout(timer);
          done();
        },
      });
      this.#answersOf.set(room, answered);
    }
    this.#bus.publish(WHO_TOPIC, `${this.instanceId} ${room}`).catch(this.#local.onError);
  }

  /** Resolves once the other processes answered for `room` (or did not in time). */
  known(room: RoomId): Promise<void> {
    return this.#answersOf.get(room) ?? RESOLVED;
  }

  /** This process stopped serving `room`: what it knew of it goes stale, so it is dropped. */
  closed(room: RoomId): void {
    this.#view.delete(room);
    this.#answered(room);
  }

  /** This process's own state of a client in a room changed. */
  changed(room: RoomId, clientId: ClientId, state: 'online' | 'offline'): void {
    this.#send(room, `${PRESENCE}\n${this.instanceId} ${state} ${clientId}`);
  }

  /** A `!`-kind message of the room's topic; false when it is not one of ours. */
  handle(room: RoomId, kind: string, body: string): boolean {
    const space = body.indexOf(' ');
    const instance = space < 0 ? body : body.slice(0, space);
    if (kind !== PRESENCE && kind !== HERE) return false;
    if (instance === this.instanceId) return true;
    this.#seen(instance);
    const rest = space < 0 ? '' : body.slice(space + 1);
    if (kind === HERE) {
      this.#replace(room, instance, parseList(rest));
      this.#asking.get(room)?.missing.delete(instance);
      if (this.#asking.get(room)?.missing.size === 0) this.#answered(room);
    } else {
      const [state, clientId] = rest.split(' ') as ['online' | 'offline', ClientId];
      this.#set(room, instance, clientId, state === 'online');
    }
    return true;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#stopBus();
    for (const room of [...this.#asking.keys()]) this.#answered(room);
  }

  #answered(room: RoomId): void {
    this.#asking.get(room)?.done();
    this.#asking.delete(room);
    this.#answersOf.delete(room);
  }

  #set(room: RoomId, instance: string, clientId: ClientId, online: boolean): void {
    let byInstance = this.#view.get(room);
    if (!byInstance) {
      if (!online) return;
      byInstance = new Map();
      this.#view.set(room, byInstance);
    }
    let clients = byInstance.get(instance);
    if (online) {
      if (!clients) {
        clients = new Set();
        byInstance.set(instance, clients);
      }
      clients.add(clientId);
    } else {
      clients?.delete(clientId);
    }
    this.#local.refresh(room, clientId);
  }

  #replace(room: RoomId, instance: string, list: ClientId[]): void {
    let byInstance = this.#view.get(room);
    if (!byInstance) {
      byInstance = new Map();
      this.#view.set(room, byInstance);
    }
    const before = byInstance.get(instance) ?? new Set<ClientId>();
    const after = new Set(list);
    byInstance.set(instance, after);
    for (const clientId of new Set([...before, ...after])) this.#local.refresh(room, clientId);
  }

  #beat(): void {
    this.#bus.publish(INSTANCES, this.instanceId).catch(this.#local.onError);
    const now = Date.now();
    for (const [instance, seen] of this.#lastSeen) {
      if (now - seen > this.#options.leaseMs) this.#drop(instance);
    }
  }

  /**
   * Another instance started serving a room: every instance answers on the room's topic,
   * with an empty list when it serves nobody there, so the asker knows when all answered.
   */
  #asked(message: string): void {
    const space = message.indexOf(' ');
    const instance = message.slice(0, space);
    if (space < 0 || instance === this.instanceId) return;
    this.#seen(instance);
    const room = message.slice(space + 1) as RoomId;
    this.#send(room, `${HERE}\n${this.instanceId} ${JSON.stringify(this.#local.clients(room))}`);
  }

  #heard(instance: string): void {
    if (instance === this.instanceId) return;
    this.#seen(instance);
  }

  #seen(instance: string): void {
    const known = this.#lastSeen.has(instance);
    this.#lastSeen.set(instance, Date.now());
    if (known) return;
    // New to us (just started, or back after we dropped it): it learns our rooms' state.
    for (const room of this.#local.rooms()) {
      this.#send(room, `${HERE}\n${this.instanceId} ${JSON.stringify(this.#local.clients(room))}`);
    }
  }

  /** A process that stopped saying it is alive: its clients leave every room here. */
  #drop(instance: string): void {
    this.#lastSeen.delete(instance);
    for (const [room, byInstance] of this.#view) {
      const clients = byInstance.get(instance);
      if (!clients) continue;
      byInstance.delete(instance);
      for (const clientId of clients) this.#local.refresh(room, clientId);
    }
  }

  #send(room: RoomId, message: string): void {
    this.#bus.publish(roomTopic(room), message).catch(this.#local.onError);
  }
}

const RESOLVED = Promise.resolve();

function parseList(text: string): ClientId[] {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.filter((c): c is ClientId => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
