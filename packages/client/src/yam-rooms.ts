import type { DeviceIdentity, RoomMember } from '@yam/crypto';
import type { ClientId, ClientMsgId, RoomId } from '@yam/protocol';
import type { BackoffOptions } from './backoff.ts';
import { Emitter } from './emitter.ts';
import { Blocks } from './rooms/blocks.ts';
import { type EnterOptions, type EnterOutcome, enterRoom } from './rooms/enter-room.ts';
import { JoinRequests } from './rooms/join-requests.ts';
import { forwardEvents, type YamRoomsEvents } from './rooms/room-events.ts';
import { RoomHistory } from './rooms/room-history.ts';
import { mentionsOf, RoomMail } from './rooms/room-mail.ts';
import { RoomBlobs, RoomPush, RoomSignalling } from './rooms/room-media.ts';
import { RoomPresence } from './rooms/room-presence.ts';
import { RoomPreviews } from './rooms/room-previews.ts';
import { SealedProfiles } from './rooms/sealed-profiles.ts';
import { memberKeys } from './secure/member-keys.ts';
import { messageKind, type RawMessage, toTransport } from './secure/message-kind.ts';
import type { OpenedMessage } from './secure/opened-message.ts';
import type { RolesView } from './secure/room-admin.ts';
import type { SecretStore } from './secure/secret-store.ts';
import { SecureRooms } from './secure/secure-rooms.ts';
import type { AckInfo, ClientStore, ConnectionStatus, ReceivedMessage } from './types.ts';
import { YamClient } from './yam-client.ts';

/** Options of YamRooms. */
export type YamRoomsOptions = {
  /** The server's http(s) URL (the Room URL without `?room=`). */
  server: string;
  identity: DeviceIdentity;
  /** Messages, cursors and the outbox (IndexedDB in the browser, SQLite in the CLI). */
  store: ClientStore;
  /** MLS group state, invite keys and own plaintext; never leaves the device. */
  secrets: SecretStore;
  backoff?: BackoffOptions;
  /** Keep MLS groups in memory (default); off when other processes share `secrets`. */
  cacheGroups?: boolean;
  /** Unused KeyPackages to keep on the server (for DMs); default 10. */
  keyPackageTarget?: number;
  /** WebSocket implementation; globalThis.WebSocket when omitted. */
  WebSocket?: typeof WebSocket;
  /** Outgoing frame pacing; the default stays below the server's per-connection limit. */
  rate?: { perSec: number; burst: number };
};

/** What send() resolves with once the message is encrypted and queued. */
export type SendReceipt = {
  room: RoomId;
  cmid: ClientMsgId;
  /** Settles on the server's ack (never missed); rejects only when the client closes. */
  acked: Promise<AckInfo>;
};

/**
 * End-to-end encrypted rooms on one server: the one API apps use. Everything sent into a
 * room is MLS-encrypted and signed; the server sees ciphertext and routing data only.
 * Per-concern parts: `presence`, `profiles`, `history`, `joins`, `blobs`, `previews`, `rtc`,
 * `blocks`.
 */
export class YamRooms {
  readonly clientId: ClientId;
  readonly server: string;
  /** Online members, away and typing. */
  readonly presence: RoomPresence;
  /** Sealed per-room profile records. */
  readonly profiles: SealedProfiles;
  /** Stored messages: paging, cursor, own queued messages, forwarded history. */
  readonly history: RoomHistory;
  /** Invites and the join requests members decide on. */
  readonly joins: JoinRequests;
  /** The server's blob store (for encrypted attachments). */
  readonly blobs: RoomBlobs;
  /** Web Push: the server's VAPID key and this device's subscription. */
  readonly push: RoomPush;
  /** E-mail when mentioned: this device's address on the server, when it sends e-mail. */
  readonly mail: RoomMail;
  /** Link previews fetched by the server, when it offers them (it sees those URLs). */
  readonly previews: RoomPreviews;
  /** WebRTC signalling and ICE servers; pass it to PeerManager as `client`. */
  readonly rtc: RoomSignalling;
  /** This device's block list: their DMs and join requests are refused; apps hide their messages. */
  readonly blocks: Blocks;
  readonly #client: YamClient;
  readonly #secure: SecureRooms;
  readonly #events = new Emitter<YamRoomsEvents>();
  readonly #off: () => void;

  constructor(options: YamRoomsOptions) {
    const { secrets, cacheGroups, keyPackageTarget, ...transport } = options;
    this.#client = new YamClient(transport);
    this.#secure = new SecureRooms({
      client: this.#client,
      identity: options.identity,
      store: secrets,
      ...(cacheGroups === undefined ? {} : { cacheGroups }),
      ...(keyPackageTarget === undefined ? {} : { keyPackageTarget }),
    });
    this.clientId = this.#client.clientId;
    this.server = this.#client.server;
    this.presence = new RoomPresence(this.#client);
    this.profiles = new SealedProfiles(this.#client, this.#secure);
    this.history = new RoomHistory(this.#client, this.#secure, options.store);
    this.joins = new JoinRequests(this.#secure);
    this.blobs = new RoomBlobs(this.#client);
    this.push = new RoomPush(this.#client);
    this.mail = new RoomMail(this.#client);
    this.previews = new RoomPreviews(this.#client);
    this.rtc = new RoomSignalling(this.#client);
    this.blocks = new Blocks(secrets);
    this.#off = forwardEvents(this.#client, this.#secure, this.#events);
  }

  /** The connection state and, while offline, when the next attempt starts. */
  get status(): ConnectionStatus {
    return this.#client.status;
  }

  /** Follows the transport's events, subscribes every room this device is a member of, then connects. */
  async start(): Promise<void> {
    await this.#secure.start();
    this.#client.connect();
  }

  /** Waits for queued MLS work, then closes the connection; unsettled receipts reject. */
  async close(): Promise<void> {
    await this.#secure.close();
    await this.#client.close();
    this.#off();
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof YamRoomsEvents>(event: K, fn: (e: YamRoomsEvents[K]) => void): () => void {
    return this.#events.on(event, fn);
  }

  /**
   * Makes this device a member of `room` (see enterRoom for the policy). Resolves with what
   * happened; rejects with REMOVED, JOIN_TIMEOUT, JOIN_REFUSED, INVITE_INVALID or PASSWORD_WRONG.
   */
  enter(room: RoomId, options: EnterOptions = {}): Promise<EnterOutcome> {
    return enterRoom(this.#secure, room, options);
  }

  /** 'member', 'removed' (a commit took this device out) or 'none' (no group here). */
  membership(room: RoomId): Promise<'member' | 'removed' | 'none'> {
    return this.#secure.status(room);
  }

  /** Client IDs in the room's MLS group, in leaf order (empty when not a member). */
  members(room: RoomId): Promise<ClientId[]> {
    return this.#secure.members(room);
  }

  /**
   * The members with their signature keys, as the room's MLS group (which every member
   * agrees on) holds them: what safety numbers are computed from. Empty when not a member.
   */
  memberKeys(room: RoomId): Promise<RoomMember[]> {
    return memberKeys(this.#secure, room);
  }

  /**
   * Encrypts, signs and queues `body`; resolves once queued, with the ack still to come.
   * A text's mentions also go beside the ciphertext, so the server can e-mail the members
   * who asked for it: the server learns whom a message mentions, never what it says. [P-MAIL2]
   */
  async send(room: RoomId, body: Uint8Array): Promise<SendReceipt> {
    const { cmid, acked } = await this.#secure.send(room, body, mentionsOf(body, this.clientId));
    return { room, cmid, acked };
  }

  /**
   * Tells the room's members this device read it up to the message `upTo` (its cmid), for
   * their "Seen by". A control message: encrypted, never shown, not counted as unread.
   */
  markRead(room: RoomId, upTo: string): Promise<void> {
    return this.#secure.sendReadMark(room, upTo);
  }

  /** The opened form of a stored message; undefined for commits and control messages. */
  open(message: RawMessage | ReceivedMessage): Promise<OpenedMessage | undefined> {
    if (messageKind(message) !== 'message') return Promise.resolve(undefined);
    return this.#secure.open(toTransport(message));
  }

  /** Forgets a deleted message's plaintext on this device (it then opens as 'erased'). */
  erase(room: RoomId, from: string, cmid: string): Promise<void> {
    return this.#secure.erase(room, from, cmid);
  }

  /** The plaintext this device sent as `cmid` (MLS cannot decrypt own messages). */
  ownBody(room: RoomId, cmid: string): Promise<Uint8Array | undefined> {
    return this.#secure.ownBody(room, cmid);
  }

  /** Live messages of a room (members' rooms are followed from start()); resolves once caught up. */
  subscribe(room: RoomId): Promise<void> {
    return this.#client.join(room);
  }

  /** Stops live messages of a room (membership stays). */
  unsubscribe(room: RoomId): Promise<void> {
    return this.#client.leave(room);
  }

  /** Rooms followed live. */
  subscribed(): RoomId[] {
    return this.#client.rooms();
  }

  /** Leaves the room for good: tells the group, forgets its keys here, unsubscribes. */
  leave(room: RoomId): Promise<void> {
    return this.#secure.leaveRoom(room);
  }

  /**
   * Removes a member (MLS Remove): it can read nothing sent after. `ban` also refuses its
   * join requests from then on. Only the owner and admins may (NOT_ALLOWED). [P-ROLE2]
   */
  removeMember(room: RoomId, clientId: ClientId, options: { ban?: boolean } = {}): Promise<void> {
    return this.#secure.removeMember(room, clientId, options);
  }

  /**
   * The room's owner and admins, as every member's group holds them; undefined for a room
   * made before roles (there anyone may remove). Re-read after an `epoch` event. [P-ROLE1]
   */
  roles(room: RoomId): Promise<RolesView | undefined> {
    return this.#secure.admin.roles(room);
  }

  /** Makes a member an admin, or a plain member again (owners and admins only). [P-ROLE2] */
  setRole(room: RoomId, clientId: ClientId, role: 'admin' | 'member'): Promise<void> {
    return this.#secure.admin.setRole(room, clientId, role);
  }

  /** Whether plain members may remove others (the owner only). [P-ROLE2] */
  setMembersMayRemove(room: RoomId, allowed: boolean): Promise<void> {
    return this.#secure.admin.setMembersMayRemove(room, allowed);
  }

  /** Opens (or finds) the 1-to-1 room with `peer`; resolves with its room ID. */
  openDm(peer: ClientId): Promise<RoomId> {
    return this.#secure.openDm(peer);
  }
}
