import { fromBase64Url, toBase64Url } from '@yam/protocol';

/** Messages between members' clients (not shown to users) have cmids with this prefix. */
export const CONTROL_PREFIX = 'ctl-';

/** Room facts members' clients share inside the group (end-to-end encrypted). */
export type RoomSecrets = { passwordKey?: Uint8Array };

export function isControl(cmid: string): boolean {
  return cmid.startsWith(CONTROL_PREFIX);
}

export function encodeRoomSecrets(secrets: RoomSecrets): Uint8Array {
  const wire = {
    t: 'room-secrets',
    ...(secrets.passwordKey ? { passwordKey: toBase64Url(secrets.passwordKey) } : {}),
  };
  return new TextEncoder().encode(JSON.stringify(wire));
}

/** Parses a control body; undefined for anything else (never throws). */
export function decodeRoomSecrets(body: Uint8Array): RoomSecrets | undefined {
  try {
    const raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as Record<
      string,
      unknown
    >;
    if (raw.t !== 'room-secrets') return undefined;
    if (typeof raw.passwordKey !== 'string') return {};
    const passwordKey = fromBase64Url(raw.passwordKey);
    return passwordKey.length === 32 ? { passwordKey } : {};
  } catch {
    return undefined;
  }
}

/**
 * The body a member sends to say it leaves, with its signed leave notice: members' clients
 * then commit its Remove, carrying the notice so every member sees the leaver asked. [P-ROLE2]
 */
export function encodeLeave(notice: Uint8Array): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ t: 'leave', notice: toBase64Url(notice) }));
}

/** The leave notice of a leave body; undefined for any other body (never throws). */
export function leaveNoticeOf(body: Uint8Array): Uint8Array | undefined {
  try {
    const raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { t, notice } = raw as { t?: unknown; notice?: unknown };
    if (t !== 'leave' || typeof notice !== 'string') return undefined;
    return fromBase64Url(notice);
  } catch {
    return undefined;
  }
}
