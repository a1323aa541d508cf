import type { ClientId } from '@yam/protocol';
import type { Bus, BusMessage } from '../bus/bus.ts';
import type { ClientFanOut, RoomMember } from './relay-plugin.ts';
import { clientTopic } from './topics.ts';

type LocalClient = { members: Set<RoomMember>; stopBus: () => void };

const topicOf = clientTopic;

/**
 * Frames addressed to a client ID rather than a room (Welcomes, join results): every
 * connection of that client, in any process sharing the bus, gets them. [P-DS4]
 */
export class ClientChannels implements ClientFanOut {
  readonly #bus: Bus;
  readonly #clients = new Map<ClientId, LocalClient>();
  readonly #onError: (error: unknown) => void;

  constructor(bus: Bus, onError: (error: unknown) => void) {
    this.#bus = bus;
    this.#onError = onError;
  }

  /** Starts delivering the member's client frames to it (call once it is authenticated). */
  attach(member: RoomMember): void {
    let local = this.#clients.get(member.clientId);
    if (!local) {
      const created: LocalClient = { members: new Set(), stopBus: () => {} };
      created.stopBus = this.#bus.subscribe(topicOf(member.clientId), (m) =>
        this.#deliver(created, m),
      );
      this.#clients.set(member.clientId, created);
      local = created;
    }
    local.members.add(member);
  }

  detach(member: RoomMember): void {
    const local = this.#clients.get(member.clientId);
    if (!local?.members.delete(member)) return;
    if (local.members.size === 0) {
      local.stopBus();
      this.#clients.delete(member.clientId);
    }
  }

  /** Sends an encoded frame to every connection of `clientId`; nobody online is no error. */
  send(clientId: string, frame: string): Promise<void> {
    return this.#bus.publish(topicOf(clientId), frame);
  }

  #deliver(local: LocalClient, message: BusMessage): void {
    const frame = typeof message === 'string' ? message : new TextDecoder().decode(message);
    for (const member of local.members) {
      try {
        member.deliver(frame);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
