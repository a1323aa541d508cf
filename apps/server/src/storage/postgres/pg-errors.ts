import { YamError } from '@yam/protocol';

/** How long a client should wait before retrying a write the database could not take. */
export const STORAGE_RETRY_MS = 1000;

/** SQLSTATE classes (and codes) that mean the database is away or busy, not that the input is wrong. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01)/;
const TRANSIENT_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const TRANSIENT_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed/i;

/** Whether an error from pg means "the database is unreachable or busy; try again". */
export function isTransient(error: unknown): boolean {
  if (error instanceof YamError)
    return error.code === 'INTERNAL' && error.retryAfterMs !== undefined;
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE.has(code)) return true;
  return typeof e?.message === 'string' && TRANSIENT_MESSAGE.test(e.message);
}

/**
 * A lost or refused database connection becomes a retryable `INTERNAL` error with
 * `retryAfterMs`: nothing was acknowledged, and the client's resend (same cmid) is not
 * stored twice. Other errors pass through unchanged.
 */
export function storageError(error: unknown): unknown {
  if (error instanceof YamError || !isTransient(error)) return error;
  return new YamError('INTERNAL', 'storage unavailable; retry later', {
    cause: error,
    retryAfterMs: STORAGE_RETRY_MS,
  });
}
