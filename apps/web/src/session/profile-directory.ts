import { effect, signal } from '@preact/signals';
import type { ProfileInfo } from '@yam/client';
import { decryptAttachment } from '@yam/crypto';
import { fromBase64Url, type RoomId } from '@yam/protocol';
import type { OwnProfile } from './own-profile.ts';
import {
  type AvatarRef,
  avatarKeys,
  decodeProfile,
  encodeProfile,
  type ProfileRecord,
} from './profile-record.ts';

/** What the directory needs of one server's session (ServerSession implements it). */
export interface ProfileTransport {
  onProfile(listener: (info: ProfileInfo) => void): () => void;
  onSynced(listener: (room: RoomId) => void): () => void;
  /** The room's MLS group moved to a new epoch. */
  onEpoch(listener: (room: RoomId) => void): () => void;
  /** The rooms this session is subscribed to. */
  subscribed(): RoomId[];
  openRecord(room: RoomId, sealed: Uint8Array): Promise<Uint8Array | undefined>;
  /**
   * Seals `record` for the room's current members and sets it as this device's profile
   * there (sent again on every subscribe); rejects when this device is not a member.
   */
  publishRecord(room: RoomId, record: Uint8Array): Promise<boolean>;
  uploadBlob(bytes: Uint8Array): Promise<unknown>;
  downloadBlob(hash: string): Promise<Uint8Array>;
}

/** Anything that can ask for an author's profile in the open room. */
type Meeting = { meet(clientId: string): void };

/**
 * Other people's profiles from every room and server, and the publishing of this
 * device's own: learns records from each attached session's `profile` events, and
 * publishes the own profile to each room once it is caught up and whenever it changes.
 */
export class ProfileDirectory {
  /** Other people's latest profiles by client ID. */
  readonly profiles = signal<ReadonlyMap<string, ProfileRecord>>(new Map());
  /** Decrypted avatar images by ciphertext hash, as object URLs. */
  readonly avatarImages = signal<ReadonlyMap<string, string>>(new Map());
  readonly #own: OwnProfile;
  readonly #attached = new WeakSet<ProfileTransport>();
  readonly #fetching = new Set<string>();
  /** Profile records this device had no epoch key for yet, by room and client. */
  readonly #unopened = new Map<string, ProfileInfo>();
  /** Avatar hashes uploaded per session this page life: each server needs its own copy. */
  readonly #uploaded = new WeakMap<ProfileTransport, Set<string>>();
  #current: Meeting | undefined;

  constructor(own: OwnProfile) {
    this.#own = own;
  }

  /** The name to show for an author: the profile's, else `fallback` (from the message). */
  nameOf(clientId: string, fallback: string): string {
    return this.profiles.value.get(clientId)?.name ?? fallback;
  }

  /** The bubble colour of an author: their profile's, or undefined for the app default. */
  colourOf(clientId: string, own: boolean): string | undefined {
    return own ? this.#own.colour.value : this.profiles.value.get(clientId)?.colour;
  }

  /** The object URL of an avatar once downloaded; undefined shows initials. */
  avatarUrl(ref: AvatarRef | undefined): string | undefined {
    return ref ? this.avatarImages.value.get(ref.hash) : undefined;
  }

  /** Connects a session to the directory. Idempotent per session. */
  attach(server: ProfileTransport): void {
    if (this.#attached.has(server)) return;
    this.#attached.add(server);
    server.onProfile((info) => void this.#learn(server, info));
    // The SDK resends the record on every subscribe; set it for rooms as they catch up.
    server.onSynced((room) => void this.#publish(server, [room]));
    // Records are sealed per MLS epoch: after a commit, seal again for the new members.
    server.onEpoch((room) => {
      void this.#publish(server, [room]);
      // Records sealed for this epoch may have arrived before we processed its commit.
      for (const [key, info] of this.#unopened) {
        if (info.room !== room) continue;
        this.#unopened.delete(key);
        void this.#learn(server, info);
      }
    });
    effect(() => {
      void this.#own.record.value;
      void this.#publish(server, server.subscribed());
    });
  }

  /** The open room, whose message authors `meetAuthor` looks up; returns the undo. */
  setCurrentRoom(room: Meeting): () => void {
    this.#current = room;
    return () => {
      if (this.#current === room) this.#current = undefined;
    };
  }

  /** An author shown in the open room: its profile is fetched once per session if unknown. */
  meetAuthor(clientId: string): void {
    this.#current?.meet(clientId);
  }

  /** Opens another member's sealed profile record and adds it to the directory. */
  async #learn(server: ProfileTransport, info: ProfileInfo): Promise<void> {
    if (!info.data) return;
    const opened = await server.openRecord(info.room, info.data);
    if (!opened) {
      this.#unopened.set(`${info.room}\n${info.clientId}`, info);
      return;
    }
    const profile = decodeProfile(opened);
    if (!profile) return;
    const next = new Map(this.profiles.value);
    next.set(info.clientId, profile);
    this.profiles.value = next;
    if (profile.avatar) void this.#loadAvatar(server, profile.avatar);
  }

  async #publish(server: ProfileTransport, rooms: readonly RoomId[]): Promise<void> {
    const bytes = encodeProfile(this.#own.record.value);
    await this.#uploadOwnAvatar(server);
    for (const room of rooms) {
      // The server keeps the record: it gets only a copy sealed for the room's members.
      // Not a member (yet): nothing to publish; the `epoch` event of joining publishes it.
      // Offline is fine: the SDK sends it on the next subscribe.
      await server.publishRecord(room, bytes).catch(() => undefined);
    }
  }

  /**
   * Puts this device's encrypted avatar on the session's server before the profile points
   * to it: rooms on other servers then find it too, and re-uploading (content-addressed,
   * free) keeps it from expiring while this device keeps using it.
   */
  async #uploadOwnAvatar(server: ProfileTransport): Promise<void> {
    const avatar = this.#own.avatar.value;
    if (!avatar) return;
    let done = this.#uploaded.get(server);
    if (!done) {
      done = new Set();
      this.#uploaded.set(server, done);
    }
    if (done.has(avatar.ref.hash)) return;
    try {
      await server.uploadBlob(fromBase64Url(avatar.ciphertext));
      done.add(avatar.ref.hash);
    } catch {
      // Not connected yet, or refused: the next publish tries again.
    }
  }

  /** Downloads, checks and decrypts an avatar once; initials show until it is here. */
  async #loadAvatar(server: ProfileTransport, ref: AvatarRef): Promise<void> {
    if (this.avatarImages.value.has(ref.hash) || this.#fetching.has(ref.hash)) return;
    this.#fetching.add(ref.hash);
    try {
      const ciphertext = await server.downloadBlob(ref.hash);
      const plain = await decryptAttachment(ciphertext, avatarKeys(ref));
      const url = URL.createObjectURL(new Blob([plain.slice().buffer], { type: ref.type }));
      const next = new Map(this.avatarImages.value);
      next.set(ref.hash, url);
      this.avatarImages.value = next;
    } catch {
      // Missing or tampered: keep the initials; a later profile update may try again.
    } finally {
      this.#fetching.delete(ref.hash);
    }
  }
}
