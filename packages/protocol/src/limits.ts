/** Protocol version spoken on the wire; the WebSocket subprotocol is `yam.v<N>`. [P-V1] */
export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL = `yam.v${PROTOCOL_VERSION}`;

/** Defaults the server enforces; a server may advertise other values in `ready.limits`. */
export const LIMITS = {
  /** Largest WebSocket frame accepted, checked before decoding. [P-LIM1] */
  maxFrameBytes: 256 * 1024,
  /** Largest opaque payload of one message, in bytes after base64url decoding. [P-LIM2] */
  maxPayloadBytes: 128 * 1024,
  /** Rooms one connection may subscribe to at once. [P-LIM3] */
  maxRoomsPerConnection: 100,
  /** History page size: default and maximum. [P-HIST2] */
  defaultHistoryPage: 50,
  maxHistoryPage: 200,
  /** A challenge is valid this long after it is sent. [P-AUTH2] */
  challengeTtlMs: 60_000,
  /** Frames per second per connection (token bucket: rate and burst). [P-LIM4] */
  connectionRatePerSec: 20,
  connectionBurst: 40,
  /** Frames per second per IP address, all connections together. [P-LIM4] */
  ipRatePerSec: 100,
  ipBurst: 200,
  /** One serialized KeyPackage, in bytes. [P-DS2] */
  maxKeyPackageBytes: 16 * 1024,
  /** KeyPackages in one `kp.put` frame. [P-DS2] */
  maxKeyPackagesPerFrame: 50,
  /** Unused KeyPackages the server keeps per client. [P-DS2] */
  maxKeyPackagesPerClient: 100,
  /** `kp.claim` per client ID (token bucket: rate and burst). [P-DS2] */
  keyPackageClaimRatePerSec: 1,
  keyPackageClaimBurst: 20,
  /**
   * One-time KeyPackages of one TARGET client handed out, by all claimers together (token
   * bucket: 10 at once, then 10 an hour); beyond that a claim gets the target's last-resort
   * KeyPackage, so draining someone's keys blocks nobody's DMs. [P-DS2]
   */
  keyPackageTargetRatePerSec: 10 / 3600,
  keyPackageTargetBurst: 10,
  /** Recipients of one commit's Welcome. [P-DS3] */
  maxWelcomeRecipients: 100,
  /** Client IDs one commit declares it removes. [P-MEM1] */
  maxRemovesPerCommit: 100,
  /** Join request MAC and info sizes, in bytes. [P-DS5] */
  maxJoinMacBytes: 64,
  maxJoinInfoBytes: 1024,
  /** A password join's CPace share: sid (16 bytes) ‖ Ya (32). [P-PAKE1] */
  joinPakeShareBytes: 48,
  /** Pending join requests per room and per requesting client. [P-DS5] */
  maxPendingJoinsPerRoom: 50,
  maxPendingJoinsPerClient: 10,
  /** Pending join requests per requesting network: an IPv4 address or an IPv6 /64. [P-DS5] */
  maxPendingJoinsPerIp: 20,
  /** A join request nobody settled is dropped after this long. [P-DS5] */
  joinRequestTtlMs: 24 * 60 * 60_000,
  /** Welcomes waiting in one recipient's inbox: count and bytes, all rooms together. [P-DS7] */
  maxInboxItems: 40,
  maxInboxBytes: 4 * 1024 * 1024,
  /**
   * The share DM Welcomes may take of an inbox, so strangers opening DMs never crowd out
   * the Welcome of a join the recipient asked for. [P-DS7]
   */
  maxInboxDmItems: 20,
  maxInboxDmBytes: 2 * 1024 * 1024,
  /** An inbox item nobody acked is dropped after this long. [P-DS7] */
  inboxTtlMs: 7 * 24 * 60 * 60_000,
  /** Welcomes sent to one connection and not acked yet; the next go out as these are acked. [P-DS4] */
  inboxWindow: 4,
} as const;

export type Limits = { [K in keyof typeof LIMITS]: number };

/** Base64url length of `bytes` bytes, without padding. */
export function base64UrlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}
