import { openJoinInfo, roomPasswordKey, verifyInviteMac } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { controlledWebSocket, sdkClient, waitFor } from '../integration/sdk-harness.ts';
import { closeSecureMembers, secureMember } from '../integration/secure-harness.ts';

let server: TestServer | undefined;
const room = 'pake-room' as RoomId;
const PASSWORD = 'tulip';
/** The attacker's dictionary: the room's weak password is in it. */
const DICTIONARY = ['123456', 'password', 'tulip', 'dragon'];

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

/** A member whose every sent frame is recorded: together, all the server stored and relayed. */
async function recorded(url: string) {
  const ws = controlledWebSocket();
  const m = await secureMember(url, { sdk: sdkClient(url, { WebSocket: ws.WebSocket }) });
  const frames = () => ws.sockets.flatMap((_, i) => ws.framesSent(i)) as Record<string, unknown>[];
  return { ...m, frames };
}

/** Every base64url string field of a frame, decoded (the opaque bytes the server handles). */
function opaqueFields(frame: Record<string, unknown>): Uint8Array[] {
  return Object.entries(frame)
    .filter(([key, value]) => typeof value === 'string' && !['t', 'room', 'cmid'].includes(key))
    .map(([, value]) => Buffer.from(value as string, 'base64url'));
}

/**
 * The offline dictionary attack that worked on the old join MAC: for each guess, derive the
 * password key and test it against every opaque value next to a KeyPackage.
 */
async function dictionaryAttack(frames: Record<string, unknown>[]): Promise<string | undefined> {
  const joins = frames.filter((f) => typeof f.keyPackage === 'string');
  for (const guess of DICTIONARY) {
    const key = await roomPasswordKey(guess, room);
    for (const frame of frames) {
      for (const value of opaqueFields(frame)) {
        if (openJoinInfo(key, room, value)) return guess;
        for (const join of joins) {
          const kp = Buffer.from(join.keyPackage as string, 'base64url');
          if (verifyInviteMac(key, room, kp, value)) return guess;
        }
      }
    }
  }
  return undefined;
}

describe('password rooms resist guessing (CPace)', () => {
  it('[P-PAKE1] an eavesdropper holding every frame the server stored and relayed cannot test a password guess', async () => {
    server = await startTestServer();
    const a = await recorded(server.url);
    const b = await recorded(server.url);
    await a.secure.createRoom(room, { password: PASSWORD });
    await b.secure.join(room, { password: PASSWORD, timeoutMs: 20_000 });
    expect(await a.secure.members(room)).toContain(b.id);
    const frames = [...a.frames(), ...b.frames()];
    const join = frames.find((f) => f.t === 'join.req');
    // The request carries a CPace share, and no MAC or sealed info under the password key.
    expect(join).toMatchObject({ pake: expect.any(String) });
    expect(join?.mac).toBeUndefined();
    expect(join?.info).toBeUndefined();
    // The whole run went through the server: shares and both tags.
    expect(frames.map((f) => f.t)).toEqual(
      expect.arrayContaining(['pake.reply', 'pake.confirm', 'pake.done']),
    );
    expect(await dictionaryAttack(frames)).toBeUndefined();
  });

  it('[P-PAKE3] a wrong password: PASSWORD_WRONG, the members are told, and the next try must wait', async () => {
    server = await startTestServer({ limits: { passwordTriesPerRequester: 1 } });
    const a = await recorded(server.url);
    const failed: string[] = [];
    a.sdk.client.on('passwordFailed', (f) => failed.push(f.room));
    const c = await recorded(server.url);
    await a.secure.createRoom(room, { password: PASSWORD });
    await expect(
      c.secure.join(room, { password: 'tulips', timeoutMs: 20_000 }),
    ).rejects.toMatchObject({ code: 'PASSWORD_WRONG' });
    await waitFor(() => failed.length === 1, 'the member hears of the wrong password');
    expect(failed).toEqual([room]);
    expect(await a.secure.members(room)).not.toContain(c.id);
    // Even the right password waits now: the server refuses the try before any member sees it.
    const error = await c.secure
      .join(room, { password: PASSWORD, timeoutMs: 20_000 })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'TOO_MANY_PASSWORD_TRIES' });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(await a.secure.members(room)).not.toContain(c.id);
  });
});
