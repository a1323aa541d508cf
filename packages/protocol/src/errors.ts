/**
 * The error catalogue shared by server, client and CLI. Each code has one HTTP status,
 * one WebSocket close code (used when the error ends the connection) and says whether it
 * ends the connection at all. [P-ERR1]
 */
export const ErrorCode = {
  BadFrame: 'BAD_FRAME',
  FrameTooLarge: 'FRAME_TOO_LARGE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedVersion: 'UNSUPPORTED_VERSION',
  Unauthenticated: 'UNAUTHENTICATED',
  AuthFailed: 'AUTH_FAILED',
  ChallengeExpired: 'CHALLENGE_EXPIRED',
  ForbiddenOrigin: 'FORBIDDEN_ORIGIN',
  RateLimited: 'RATE_LIMITED',
  TooManyRooms: 'TOO_MANY_ROOMS',
  NotSubscribed: 'NOT_SUBSCRIBED',
  InvalidRoom: 'INVALID_ROOM',
  NotFound: 'NOT_FOUND',
  /** The caller is not in the room's roster (the MLS group the server follows). [P-MEM2] */
  NotMember: 'NOT_MEMBER',
  /** The caller's role in the room does not allow this (remove, ban, change roles). [P-ROLE2] */
  NotAllowed: 'NOT_ALLOWED',
  /** An owner or admin banned this client from the room: it cannot ask to join. [P-ROLE3] */
  Banned: 'BANNED',
  /** A commit for an epoch that already has one; the error carries the current epoch. [P-DS1] */
  EpochConflict: 'EPOCH_CONFLICT',
  /** A per-client or per-room cap (KeyPackages, join requests) is full. */
  QuotaExceeded: 'QUOTA_EXCEEDED',
  /** No member let this device into the room within the time it waited. */
  JoinTimeout: 'JOIN_TIMEOUT',
  /** A member refused this device's request to join. */
  JoinRefused: 'JOIN_REFUSED',
  /** The invite key the join came with matched no invite a member holds (used or revoked). */
  InviteInvalid: 'INVITE_INVALID',
  /** The room password the join came with is not the room's. */
  PasswordWrong: 'PASSWORD_WRONG',
  /**
   * Too many wrong passwords for this room lately, from this device or from anyone: the
   * error carries `retryAfterMs`. [P-PAKE3]
   */
  PasswordTries: 'TOO_MANY_PASSWORD_TRIES',
  /** A member removed this device from the room: it can read nothing after that. */
  Removed: 'REMOVED',
  /** The server's disk budget for blobs is spent (or its disk is nearly full). */
  StorageFull: 'STORAGE_FULL',
  /** This server's operator did not turn link previews on. [P-PREV1] */
  PreviewOff: 'PREVIEW_OFF',
  /** The link's address is not one the server fetches (private, loopback, not http(s)...). [P-PREV2] */
  PreviewRefused: 'PREVIEW_REFUSED',
  /** The page could not be fetched or read (timeout, error status, not HTML). [P-PREV3] */
  PreviewFailed: 'PREVIEW_FAILED',
  IdleTimeout: 'IDLE_TIMEOUT',
  ShuttingDown: 'SHUTTING_DOWN',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

type ErrorInfo = { readonly http: number; readonly close: number; readonly fatal: boolean };

/** HTTP status, WebSocket close code (1000-1015 where a standard one fits, else 4000-4999). */
export const ERROR_INFO: Readonly<Record<ErrorCode, ErrorInfo>> = {
  BAD_FRAME: { http: 400, close: 4400, fatal: false },
  FRAME_TOO_LARGE: { http: 413, close: 1009, fatal: true },
  PAYLOAD_TOO_LARGE: { http: 413, close: 4413, fatal: false },
  UNSUPPORTED_VERSION: { http: 426, close: 4426, fatal: true },
  UNAUTHENTICATED: { http: 401, close: 4401, fatal: false },
  AUTH_FAILED: { http: 401, close: 4401, fatal: true },
  CHALLENGE_EXPIRED: { http: 401, close: 4402, fatal: true },
  FORBIDDEN_ORIGIN: { http: 403, close: 4403, fatal: true },
  RATE_LIMITED: { http: 429, close: 1008, fatal: true },
  TOO_MANY_ROOMS: { http: 429, close: 4429, fatal: false },
  NOT_SUBSCRIBED: { http: 409, close: 4409, fatal: false },
  INVALID_ROOM: { http: 400, close: 4400, fatal: false },
  NOT_FOUND: { http: 404, close: 4404, fatal: false },
  NOT_MEMBER: { http: 403, close: 4406, fatal: false },
  NOT_ALLOWED: { http: 403, close: 4407, fatal: false },
  BANNED: { http: 403, close: 4408, fatal: false },
  EPOCH_CONFLICT: { http: 409, close: 4410, fatal: false },
  QUOTA_EXCEEDED: { http: 429, close: 4430, fatal: false },
  JOIN_TIMEOUT: { http: 408, close: 4431, fatal: false },
  JOIN_REFUSED: { http: 403, close: 4432, fatal: false },
  INVITE_INVALID: { http: 403, close: 4433, fatal: false },
  PASSWORD_WRONG: { http: 403, close: 4434, fatal: false },
  REMOVED: { http: 410, close: 4435, fatal: false },
  TOO_MANY_PASSWORD_TRIES: { http: 429, close: 4436, fatal: false },
  STORAGE_FULL: { http: 507, close: 4507, fatal: false },
  PREVIEW_OFF: { http: 404, close: 4440, fatal: false },
  PREVIEW_REFUSED: { http: 403, close: 4441, fatal: false },
  PREVIEW_FAILED: { http: 502, close: 4442, fatal: false },
  IDLE_TIMEOUT: { http: 408, close: 4408, fatal: true },
  SHUTTING_DOWN: { http: 503, close: 1001, fatal: true },
  INTERNAL: { http: 500, close: 1011, fatal: false },
};

/** The HTTP status for an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_INFO[code].http;
}

/** The WebSocket close code used when `code` ends a connection. */
export function closeCodeOf(code: ErrorCode): number {
  return ERROR_INFO[code].close;
}

/** Whether the server closes the connection after sending this error. */
export function isFatal(code: ErrorCode): boolean {
  return ERROR_INFO[code].fatal;
}

/** Whether a client may retry the same request later (after `retryAfterMs` when given). */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'RATE_LIMITED' || code === 'SHUTTING_DOWN' || code === 'INTERNAL';
}

/** The error code for a WebSocket close code, when the close was ours. */
export function errorCodeOfClose(close: number): ErrorCode | undefined {
  for (const [code, info] of Object.entries(ERROR_INFO)) {
    if (info.close === close) return code as ErrorCode;
  }
  return undefined;
}

export type YamErrorOptions = { cause?: unknown; retryAfterMs?: number; rid?: number };

/** An error with a catalogue code; crosses the wire as an `error` message. */
export class YamError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;
  /** The request this error answers, when known. */
  readonly rid: number | undefined;

  constructor(code: ErrorCode, message: string, options: YamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'YamError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.rid = options.rid;
  }
}

/** Narrows an unknown value to a YamError with the given code. */
export function isYamError(value: unknown, code?: ErrorCode): value is YamError {
  return value instanceof YamError && (code === undefined || value.code === code);
}
