import type { ClientId, RoomId } from '@yam/protocol';
import type { SecureRooms } from '../secure/secure-rooms.ts';
import type { YamClient } from '../yam-client.ts';

/**
 * Per-room profile records, sealed for the room's current epoch: the server stores and
 * relays only ciphertext. `profile` events carry the sealed bytes; open them here.
 */
export class SealedProfiles {
  readonly #client: YamClient;
  readonly #secure: SecureRooms;

  constructor(client: YamClient, secure: SecureRooms) {
    this.#client = client;
    this.#secure = secure;
  }

  /**
   * Seals `record` for the room's members and sets it as this device's profile there (sent
   * again on every resubscribe). Publish again after an `epoch` event so new members can read it.
   * Resolves true when the server stored a change. [P-PROF1] [P-PROF2]
   */
  async publish(room: RoomId, record: Uint8Array): Promise<boolean> {
    const sealed = await this.#secure.sealRecord(room, record);
    return this.#client.presence.setProfile(room, sealed);
  }

  /** Opens a sealed profile record; undefined when this device has no key for its epoch (yet). */
  open(room: RoomId, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#secure.openRecord(room, sealed);
  }

  /** Makes sure `clientId`'s profile arrives as a `profile` event this session. [P-PROF3] */
  meet(room: RoomId, clientId: ClientId): void {
    this.#client.presence.meet(room, clientId);
  }
}
