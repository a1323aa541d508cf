import { INVITE_KEY_BYTES } from '@yam/crypto';
import { ErrorCode, isYamError, type RoomId, YamError } from '@yam/protocol';
import { inviteKeyOf } from '../secure/invite-link.ts';
import type { SecureRooms } from '../secure/secure-rooms.ts';

/** How YamRooms.enter() may get this device into a room. */
export type EnterOptions = {
  /**
   * The invite: a whole invite link, its fragment (`invite=<key>` or `#invite=<key>`), or
   * the key's bytes. A string without a well-formed key counts as no invite.
   */
  invite?: string | Uint8Array;
  /** The room password: set when this device creates the room, proven when it joins. */
  password?: string;
  /** The name the members holding the invite see with the request (encrypted). */
  name?: string;
  /** Give up waiting for a member after this long (JOIN_TIMEOUT); waits forever when absent. */
  timeoutMs?: number;
  /** Called when enter() starts waiting for a member to let this device in. */
  onWaiting?: () => void;
};

/** What enter() did: nothing ('member' already), claimed a new room, or joined one. */
export type EnterOutcome = 'member' | 'created' | 'joined';

/** The invite key in `invite` (see EnterOptions.invite); undefined when there is none. */
export function inviteKeyFrom(invite: string | Uint8Array | undefined): Uint8Array | undefined {
  if (invite === undefined) return undefined;
  if (typeof invite === 'string') return inviteKeyOf(invite.includes('#') ? invite : `#${invite}`);
  if (invite.length !== INVITE_KEY_BYTES) {
    throw new YamError(ErrorCode.InviteInvalid, `an invite key has ${INVITE_KEY_BYTES} bytes`);
  }
  return invite;
}

/**
 * The one membership policy: a member already: done; removed: REMOVED; an invite key:
 * join with it; else create the room (with the password), and when it exists
 * (EPOCH_CONFLICT) ask to join (proving the password by a CPace run with a member) and
 * wait for a member. Join failures are typed: JOIN_TIMEOUT, JOIN_REFUSED, INVITE_INVALID,
 * PASSWORD_WRONG, TOO_MANY_PASSWORD_TRIES (with `retryAfterMs`).
 */
export async function enterRoom(
  secure: SecureRooms,
  room: RoomId,
  options: EnterOptions = {},
): Promise<EnterOutcome> {
  const status = await secure.status(room);
  if (status === 'member') return 'member';
  if (status === 'removed')
    throw new YamError(ErrorCode.Removed, 'you were removed from this room');
  const inviteKey = inviteKeyFrom(options.invite);
  const { password, name, timeoutMs } = options;
  if (!inviteKey) {
    try {
      await secure.createRoom(room, password ? { password } : {});
      return 'created';
    } catch (error) {
      if (!isYamError(error, ErrorCode.EpochConflict)) throw error;
    }
  }
  options.onWaiting?.();
  await secure.join(room, {
    ...(inviteKey ? { inviteKey } : password ? { password } : {}),
    ...(name ? { name } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return 'joined';
}
