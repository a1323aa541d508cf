import type { ClientId, RoomId } from '@yam/protocol';
import type { YamClient } from '../yam-client.ts';

/** Who is online, away or typing in a subscribed room (best effort, never stored). */
export class RoomPresence {
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
  }

  /** Client IDs online in the room, as of the last subscription and presence events. */
  online(room: RoomId): ClientId[] {
    return this.#client.presence.members(room);
  }

  /** Tells the room's other members that this client is away or active again. [P-PRES2] */
  setAway(room: RoomId, away: boolean): void {
    this.#client.presence.setAway(room, away);
  }

  /** Tells the room's other members that this client started or stopped typing. [P-TYPE1] */
  setTyping(room: RoomId, active: boolean): void {
    this.#client.presence.setTyping(room, active);
  }
}
