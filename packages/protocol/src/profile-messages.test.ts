import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url.ts';
import { decodeClientFrame, decodeServerFrame } from './codec.ts';
import { ErrorCode, YamError } from './errors.ts';
import { MAX_PROFILE_BYTES } from './profile-messages.ts';

const room = 'room-1';
const clientId = 'C'.repeat(43);
const b64 = (bytes: number) => toBase64Url(new Uint8Array(bytes).fill(1));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(YamError);
    return (error as YamError).code;
  }
}

describe('profile, typing and activity messages', () => {
  it('[P-PROF1] profile.set carries up to 4 KiB; more is PAYLOAD_TOO_LARGE, not BAD_FRAME', () => {
    const ok = { t: 'profile.set', rid: 1, room, data: b64(MAX_PROFILE_BYTES) };
    expect(decodeClientFrame(JSON.stringify(ok))).toEqual(ok);
    const big = { ...ok, data: b64(MAX_PROFILE_BYTES + 3) };
    expect(codeOf(() => decodeClientFrame(JSON.stringify(big)))).toBe(ErrorCode.PayloadTooLarge);
    expect(codeOf(() => decodeClientFrame(JSON.stringify({ ...ok, data: '' })))).toBe(
      ErrorCode.BadFrame,
    );
  });

  it('[P-PROF3] profile.get needs a valid client ID', () => {
    const get = { t: 'profile.get', rid: 2, room, clientId };
    expect(decodeClientFrame(JSON.stringify(get))).toEqual(get);
    expect(codeOf(() => decodeClientFrame(JSON.stringify({ ...get, clientId: 'x' })))).toBe(
      ErrorCode.BadFrame,
    );
  });

  it('[P-TYPE1] [P-PRES2] typing and activity need no rid; flags must be booleans', () => {
    const typing = { t: 'typing', room, active: true };
    expect(decodeClientFrame(JSON.stringify(typing))).toEqual(typing);
    const activity = { t: 'activity', room, away: false };
    expect(decodeClientFrame(JSON.stringify(activity))).toEqual(activity);
    expect(codeOf(() => decodeClientFrame(JSON.stringify({ ...typing, active: 'yes' })))).toBe(
      ErrorCode.BadFrame,
    );
  });

  it('[P-PROF2] [P-PROF3] profile events: a lookup answer may be null, an update has data', () => {
    const answer = { t: 'profile', rid: 3, room, clientId, data: null };
    expect(decodeServerFrame(JSON.stringify(answer))).toEqual(answer);
    const update = { t: 'profile', room, clientId, data: b64(10) };
    expect(decodeServerFrame(JSON.stringify(update))).toEqual(update);
    const stored = { t: 'profile.stored', rid: 4, room, changed: false };
    expect(decodeServerFrame(JSON.stringify(stored))).toEqual(stored);
    const typing = { t: 'typing', room, clientId, active: false };
    expect(decodeServerFrame(JSON.stringify(typing))).toEqual(typing);
  });
});
