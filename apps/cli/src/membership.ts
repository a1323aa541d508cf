import { inviteKeyFrom, type YamRooms } from '@yam/client';
import { ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import { CliError, warn } from './cli-error.ts';

/**
 * Makes this device a member of the room before it sends or listens, with the SDK's one
 * policy (YamRooms.enter: member already, invite key from the link, create, or ask and
 * wait). The CLI only chooses its words, by error code.
 */
export async function ensureMember(
  rooms: YamRooms,
  room: RoomId,
  link: string,
  options: { name?: string; password?: string; timeoutMs: number },
): Promise<void> {
  const { name, password, timeoutMs } = options;
  try {
    const outcome = await rooms.enter(room, {
      invite: link,
      ...(name ? { name } : {}),
      ...(password ? { password } : {}),
      timeoutMs,
      onWaiting: () => warn('Waiting for a member to let you in...'),
    });
    if (outcome === 'created')
      warn(`created the encrypted room ${room}${password ? ' (with a password)' : ''}`);
    if (outcome === 'joined') warn(`joined ${room}`);
  } catch (error) {
    if (!isYamError(error)) throw error;
    const words = wordsFor(error.code, room, link, timeoutMs);
    if (words) throw new CliError(words);
    // The server's own refusals (e.g. a room it does not know) are worded already.
    if (error.code === ErrorCode.NotFound) throw new CliError(error.message);
    throw error;
  }
}

/** What the user reads for a membership failure (undefined: not one). */
function wordsFor(
  code: ErrorCode,
  room: RoomId,
  link: string,
  timeoutMs: number,
): string | undefined {
  switch (code) {
    case ErrorCode.Removed:
      return `you were removed from ${room}`;
    case ErrorCode.JoinTimeout:
      return inviteKeyFrom(link)
        ? 'no member let you in yet: try later'
        : `no member let you in within ${timeoutMs / 1000} s: ask a member for an invite link (yam invite)`;
    case ErrorCode.JoinRefused:
      return 'A member of this room refused your request to join.';
    case ErrorCode.InviteInvalid:
      return 'A member refused your request: this invite link was already used or is not valid any more. Ask a member for a new one.';
    case ErrorCode.PasswordWrong:
      return 'That password is not right for this room. Check it with a member and try again.';
    case ErrorCode.PasswordTries:
      return 'Too many wrong passwords were tried for this room lately. Wait a few minutes, then try again, or ask a member for an invite link (yam invite).';
    default:
      return undefined;
  }
}
