import { inviteKeyOf, type SecureRooms } from '@yam/client';
import { ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import { CliError, warn } from './cli-error.ts';

/**
 * Makes this device a member of the room before it sends or listens: already a member;
 * or the link carries an invite key (join with it); or the room is new (create it, which
 * claims its first epoch, with `password` if given); or ask the members (with the room's
 * password if given: a member's client then admits us) and wait for one to let us in.
 */
export async function ensureMember(
  secure: SecureRooms,
  room: RoomId,
  link: string,
  options: { name?: string; password?: string; timeoutMs: number },
): Promise<void> {
  const status = await secure.status(room);
  if (status === 'member') return;
  if (status === 'removed') throw new CliError(`you were removed from ${room}`);
  const inviteKey = inviteKeyOf(link);
  const { name, password } = options;
  try {
    if (!inviteKey) {
      try {
        await secure.createRoom(room, password ? { password } : {});
        warn(`created the encrypted room ${room}${password ? ' (with a password)' : ''}`);
        return;
      } catch (error) {
        if (!(isYamError(error) && error.code === ErrorCode.EpochConflict)) throw error;
      }
    }
    warn('Waiting for a member to let you in...');
    await secure.join(room, {
      ...(inviteKey ? { inviteKey } : password ? { password } : {}),
      ...(name ? { name } : {}),
      timeoutMs: options.timeoutMs,
    });
    warn(`joined ${room}`);
  } catch (error) {
    if (isYamError(error) && error.code === ErrorCode.NotFound) {
      throw new CliError(
        inviteKey || error.message !== 'no member let you in yet: try later'
          ? error.message
          : `no member let you in within ${options.timeoutMs / 1000} s: ask a member for an invite link (yam invite)`,
      );
    }
    throw error;
  }
}
