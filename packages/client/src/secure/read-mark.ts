/**
 * A read mark: "I have read this room up to the message `upTo` (its cmid)". Sent between
 * members' clients as a control message (inside the group's encryption, never shown, not
 * counted as unread), so the server sees only that a control message passed.
 */
const CMID = /^[A-Za-z0-9._~-]{8,64}$/;

/** Encodes a read mark's body. */
export function encodeReadMark(upTo: string): Uint8Array {
  if (!CMID.test(upTo)) throw new RangeError('read mark: not a message ID');
  return new TextEncoder().encode(JSON.stringify({ t: 'read', upTo }));
}

/** The cmid a read mark body points at; undefined for anything else (never throws). */
export function decodeReadMark(body: Uint8Array): string | undefined {
  if (body.byteLength > 256) return undefined;
  try {
    const raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { t, upTo } = raw as { t?: unknown; upTo?: unknown };
    return t === 'read' && typeof upTo === 'string' && CMID.test(upTo) ? upTo : undefined;
  } catch {
    return undefined;
  }
}
