/** STUN/TURN numbers from RFC 8489 and RFC 8656 (const objects: erasable TypeScript, no enums). */

export const MAGIC_COOKIE = 0x2112a442;
export const HEADER_BYTES = 20;

export const StunMethod = {
  Binding: 0x001,
  Allocate: 0x003,
  Refresh: 0x004,
  Send: 0x006,
  Data: 0x007,
  CreatePermission: 0x008,
  ChannelBind: 0x009,
} as const;

export const StunClass = {
  Request: 0,
  Indication: 1,
  Success: 2,
  Error: 3,
} as const;
export type StunClass = (typeof StunClass)[keyof typeof StunClass];

export const Attr = {
  MappedAddress: 0x0001,
  Username: 0x0006,
  MessageIntegrity: 0x0008,
  ErrorCode: 0x0009,
  UnknownAttributes: 0x000a,
  ChannelNumber: 0x000c,
  Lifetime: 0x000d,
  XorPeerAddress: 0x0012,
  Data: 0x0013,
  Realm: 0x0014,
  Nonce: 0x0015,
  XorRelayedAddress: 0x0016,
  RequestedAddressFamily: 0x0017,
  EvenPort: 0x0018,
  RequestedTransport: 0x0019,
  DontFragment: 0x001a,
  MessageIntegritySha256: 0x001c,
  PasswordAlgorithm: 0x001d,
  UserHash: 0x001e,
  XorMappedAddress: 0x0020,
  ReservationToken: 0x0022,
  Priority: 0x0024,
  UseCandidate: 0x0025,
  // Comprehension-optional (0x8000-0xFFFF): ignored when unknown.
  AdditionalAddressFamily: 0x8000,
  Software: 0x8022,
  Fingerprint: 0x8028,
  IceControlled: 0x8029,
  IceControlling: 0x802a,
  ResponseOrigin: 0x802b,
} as const;

/** Comprehension-required attributes this server understands; others get 420. */
export const KNOWN_REQUIRED_ATTRS: ReadonlySet<number> = new Set(
  Object.values(Attr).filter((a) => a < 0x8000),
);

export const ErrorReason: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  420: 'Unknown Attribute',
  437: 'Allocation Mismatch',
  438: 'Stale Nonce',
  440: 'Address Family not Supported',
  441: 'Wrong Credentials',
  442: 'Unsupported Transport Protocol',
  486: 'Allocation Quota Reached',
  500: 'Server Error',
  508: 'Insufficient Capacity',
};

/**
 * Channel numbers a client may bind: RFC 8656 §12 narrows them to 0x4000-0x4FFF, but RFC 5766
 * clients (coturn's among them) still pick up to 0x7FFF, so the older range is accepted.
 */
export const MIN_CHANNEL = 0x4000;
export const MAX_CHANNEL = 0x7fff;
/** XOR value of FINGERPRINT (RFC 8489 §14.7). */
export const FINGERPRINT_XOR = 0x5354554e;
export const TRANSPORT_UDP = 17;
