/** A message as storage keeps it; the payload is opaque bytes. */
export type StoredRecord = {
  room: string;
  seq: number;
  from: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
  /** 'commit' entries also carry the epoch they were made in. [P-DS1] */
  kind: 'app' | 'commit';
  epoch?: number;
  /** A commit's declared roster change, when storage recorded one. [P-MEM7] */
  adds?: string[];
  removes?: string[];
};

export type AppendInput = {
  room: string;
  from: string;
  cmid: string;
  /** Server receive time, ms since the epoch. */
  ts: number;
  payload: Uint8Array;
};

/** `duplicate`: the (room, from, cmid) was stored before; seq and ts are the original ones. */
export type AppendResult = { seq: number; ts: number; duplicate: boolean };

export type HistoryQuery = { after?: number; before?: number; limit: number };

export type HistoryPage = { messages: StoredRecord[]; hasMore: boolean };

export type CommitInput = AppendInput & {
  /** The epoch the commit was made in; must equal the room's epoch. [P-DS1] */
  epoch: number;
  /** Stored in each recipient's inbox in the same transaction; they join the roster. [P-DS3] [P-MEM1] */
  welcome?: { to: string[]; data: Uint8Array };
  /** Client IDs the commit declares it removes: they leave the roster. [P-MEM1] */
  removes?: string[];
  /** Of `removes`, those also banned from asking to join the room again. [P-ROLE3] */
  bans?: string[];
  /**
   * The seq of the live commit made in this same epoch that the sender could not apply: it
   * and every live commit after it are voided (their roster changes undone) before this one
   * is stored in their place. [P-MEM7]
   */
  voids?: number;
  /** When the commit has a Welcome: who may get one, and how full an inbox may get. [P-DS7] */
  doors?: WelcomeDoors;
};

/**
 * The rules a Welcome passes before its commit is stored [P-DS7]: each recipient has an
 * unexpired join request for the room (taken by the commit), or the room is the DM room
 * of sender and recipient (`isDmOf`); and the recipient's inbox stays within its caps,
 * counting only items not expired (`ts >= inboxNotBefore`).
 */
export type WelcomeDoors = {
  isDmOf(room: string, from: string, to: string): boolean;
  joinsNotBefore: number;
  inboxNotBefore: number;
  maxItems: number;
  maxBytes: number;
  maxDmItems: number;
  maxDmBytes: number;
};

/** Why a Welcome was refused: no join request (or DM) for it, or the recipient's inbox is full. */
export type WelcomeRefusal = { to: string; why: 'no-request' | 'inbox-full' };

/**
 * Refused commits store nothing: `epoch` when the room is at another epoch (the sender
 * is a member, or both raced to claim a new room) or `voids` names no live commit of that
 * epoch, `not-member` when the sender is not in the roster of a claimed room.
 */
export type CommitResult =
  | (AppendResult & {
      ok: true;
      epoch: number;
      welcomeIds: { to: string; id: number }[];
      /** Left the roster: by this commit's removes, or added by a commit it voided. */
      removed: string[];
      /** Join requests the Welcome answered (taken from storage). [P-DS7] */
      answered: JoinRequestRecord[];
    })
  | { ok: false; reason: 'epoch'; epoch: number }
  | { ok: false; reason: 'not-member' }
  | ({ ok: false; reason: 'welcome' } & WelcomeRefusal);

/** A room's roster entry: the first committer owns the room. [P-MEM1] */
export type RosterEntry = { clientId: string; role: 'owner' | 'member' };

export type InboxRecord = { id: number; room: string; from: string; data: Uint8Array; ts: number };

export type JoinRequestInput = {
  room: string;
  from: string;
  keyPackage: Uint8Array;
  mac?: Uint8Array;
  /** A password join's CPace share. [P-PAKE1] */
  pake?: Uint8Array;
  info?: Uint8Array;
  ts: number;
  /** The requester's network (IPv4 address or IPv6 /64), for the per-IP cap; never sent. */
  network: string;
};

export type JoinRequestRecord = Omit<JoinRequestInput, 'network'> & { id: number };

/** Caps on pending join requests; those with `ts < notBefore` are expired and dropped first. [P-DS5] */
export type JoinCaps = {
  perRoom: number;
  perClient: number;
  perNetwork: number;
  notBefore: number;
};

/** `room` / `client` / `network`: that cap is full and nothing was stored. */
export type AddJoinResult =
  | { ok: true; id: number }
  | { ok: false; full: 'room' | 'client' | 'network' };

/** One page of a client's inbox: items with `id > after` and `ts >= notBefore`, oldest first. [P-DS4] */
export type InboxQuery = { after: number; limit: number; notBefore: number };

/** A claimed KeyPackage; `lastResort` ones stay stored. [P-DS2] */
export type ClaimedKeyPackage = { data: Uint8Array; lastResort: boolean };

/**
 * Durable message storage. Async so a networked database (PostgreSQL) can drop in.
 * Rules every implementation keeps (see storage.contract.ts): append resolves only after
 * the write is durable [P-MSG3]; each room's seq starts at 1 with no gaps [P-SEQ1];
 * (room, from, cmid) is stored once [P-MSG4].
 */
export interface Storage {
  append(input: AppendInput): Promise<AppendResult>;
  /** Highest seq stored in the room, 0 when empty. */
  head(room: string): Promise<number>;
  /** Ascending by seq; see HistoryRequest for the meaning of after/before. [P-HIST1] */
  history(room: string, query: HistoryQuery): Promise<HistoryPage>;
  /**
   * Stores a commit unless its sender is no member or another commit took its epoch,
   * atomically with its Welcome inbox items and the roster change: the first commit of a
   * room claims it (its sender becomes the owner), Welcome recipients join, `removes`
   * leave; `voids` first voids the commits members could not apply. [P-DS1] [P-DS3]
   * [P-MEM1] [P-MEM3] [P-MEM7]
   */
  appendCommit(input: CommitInput): Promise<CommitResult>;
  /** The room's epoch: 0 when new, +1 per accepted commit. [P-DS1] */
  epoch(room: string): Promise<number>;
  /** Whether the client is in the room's roster. [P-MEM1] */
  isMember(room: string, clientId: string): Promise<boolean>;
  /** Whether a commit banned the client from the room (and no void undid it). [P-ROLE3] */
  isBanned(room: string, clientId: string): Promise<boolean>;
  /** The room's roster, owner first, then by client ID; empty while unclaimed. [P-MEM1] */
  roster(room: string): Promise<RosterEntry[]>;
  /**
   * Adds one-time KeyPackages unless the client would hold more than `max` (then nothing
   * is stored, the last-resort one included); `lastResort` replaces the client's
   * last-resort KeyPackage. Returns the one-time count and whether a last-resort one is
   * stored, either way. [P-DS2]
   */
  putKeyPackages(
    clientId: string,
    keyPackages: Uint8Array[],
    max: number,
    lastResort?: Uint8Array,
  ): Promise<{ stored: boolean; count: number; lastResort: boolean }>;
  /**
   * Removes and returns the client's oldest one-time KeyPackage, else returns (and keeps)
   * its last-resort one. `lastResortOnly`: skip the one-time ones. [P-DS2]
   */
  claimKeyPackage(
    clientId: string,
    lastResortOnly?: boolean,
  ): Promise<ClaimedKeyPackage | undefined>;
  /** One page of the client's inbox, oldest first. [P-DS4] */
  inbox(clientId: string, query: InboxQuery): Promise<InboxRecord[]>;
  /** Deletes one inbox item of the client; false when it was not there. [P-DS4] */
  deleteInboxItem(clientId: string, id: number): Promise<boolean>;
  /**
   * Drops join requests with `ts < joinsBefore` and inbox items whose Welcome has
   * `ts < inboxBefore`; returns how many of each. [P-DS5] [P-DS7]
   */
  expire(cutoffs: { joinsBefore: number; inboxBefore: number }): Promise<{
    joins: number;
    inbox: number;
  }>;
  /** Stores a join request, replacing the requester's earlier one for the room. [P-DS5] */
  addJoinRequest(input: JoinRequestInput, caps: JoinCaps): Promise<AddJoinResult>;
  /** Pending join requests of a room with `ts >= notBefore`, oldest first. [P-DS5] */
  joinRequests(room: string, notBefore: number): Promise<JoinRequestRecord[]>;
  /** Removes and returns one join request, unless it has `ts < notBefore` (expired). [P-DS6] */
  takeJoinRequest(
    room: string,
    id: number,
    notBefore: number,
  ): Promise<JoinRequestRecord | undefined>;
  /** Stores a client's profile record for a room unless the same bytes are stored; true when written. [P-PROF2] */
  putProfile(room: string, clientId: string, data: Uint8Array): Promise<boolean>;
  /** The latest profile record of a client in a room. [P-PROF3] */
  getProfile(room: string, clientId: string): Promise<Uint8Array | undefined>;
  /** Finishes pending appends, then releases the database. */
  close(): Promise<void>;
}

/**
 * Makes a storage; calling it again with the same `place` must reopen the same data
 * (a file path, a database name), which the durability test and the contract suites rely on.
 */
export type StorageFactory = (place: string) => Promise<Storage> | Storage;
