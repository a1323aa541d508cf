import { signal } from '@preact/signals';
import { ErrorCode, isYamError } from '@yam/protocol';
import type { MembershipSource } from '../../session/room-ports.ts';

/** Where this device stands in an open room. */
export type Membership =
  | { kind: 'checking' }
  | { kind: 'member' }
  | { kind: 'waiting' }
  | { kind: 'removed' }
  /** `passwordWrong`: a password was tried and refused, so this room has one. */
  | { kind: 'failed'; message: string; passwordWrong?: boolean };

/** What the room view says while it cannot show the room yet (or any more). */
export const WAITING_TEXT = 'Waiting for a member to let you in...';
export const REMOVED_TEXT = 'You were removed from this room';

/** The words for each way joining can fail, chosen by the error's code. */
export const JOIN_FAILED_TEXT: Readonly<Record<string, string>> = {
  [ErrorCode.JoinRefused]:
    'A member refused your request to join this room. If that is a mistake, ask a member for an invite link.',
  [ErrorCode.InviteInvalid]:
    'A member refused your request: this invite link was already used or is not valid any more. Ask a member for a new one.',
  [ErrorCode.PasswordWrong]:
    'That password is not right for this room. Check it with a member and try again.',
  [ErrorCode.JoinTimeout]: 'No member let you in yet: try again later.',
  [ErrorCode.PasswordTries]:
    'Too many wrong passwords were tried for this room lately. Wait a few minutes, then try again, or ask a member for an invite link.',
  // The server's caps on waiting join requests (per room, person or network). [P-DS5]
  [ErrorCode.QuotaExceeded]:
    'Too many requests to join are waiting, for this room or from your network. Try again later.',
  [ErrorCode.Banned]:
    'An owner or admin of this room banned you from it: you cannot ask to join it again.',
};
/** Any other failure (the connection, this browser's storage...). */
export const OTHER_FAILURE_TEXT = 'The room could not be opened: reload the page to try again.';

/** What to show when enter() failed: the removed state, or words chosen by the error code. */
export function failedMembership(error: unknown): Membership {
  if (isYamError(error, ErrorCode.Removed)) return { kind: 'removed' };
  const text = isYamError(error) ? JOIN_FAILED_TEXT[error.code] : undefined;
  // Either code proves the room has a password, so the field stays in view.
  const passwordWrong =
    isYamError(error, ErrorCode.PasswordWrong) || isYamError(error, ErrorCode.PasswordTries);
  return {
    kind: 'failed',
    message: text ?? OTHER_FAILURE_TEXT,
    ...(passwordWrong ? { passwordWrong } : {}),
  };
}

/**
 * An open room's membership as the UI shows it, over the SDK's one membership policy
 * (`enter`): checking, waiting for a member, a member, removed, or failed (and why).
 */
export class RoomMembership {
  readonly state = signal<Membership>({ kind: 'checking' });
  readonly #group: MembershipSource;
  /** The name a join request carries (readable only by members holding the invite). */
  readonly #name: () => string | undefined;
  #disposed = false;
  /** Only the latest attempt may report its outcome. */
  #attempt = 0;
  readonly #off: () => void;

  constructor(group: MembershipSource, name: () => string | undefined = () => undefined) {
    this.#group = group;
    this.#name = name;
    this.#off = group.onRemoved(() => {
      this.state.value = { kind: 'removed' };
    });
  }

  /**
   * `invite`: the URL fragment the room was added with (`invite=<key>`), if any;
   * `password`: set when this device creates the room from "Create new room".
   */
  start(invite: string | undefined, password?: string): Promise<void> {
    return this.#enter({
      ...(invite ? { invite } : {}),
      ...(password ? { password } : {}),
    });
  }

  /** Asks again, with the room's password: a member's client admits us if it is right. */
  joinWithPassword(password: string): Promise<void> {
    this.#set({ kind: 'waiting' });
    return this.#enter({ password });
  }

  dispose(): void {
    this.#disposed = true;
    this.#off();
  }

  async #enter(options: { invite?: string; password?: string }): Promise<void> {
    const attempt = ++this.#attempt;
    const latest = () => attempt === this.#attempt;
    const name = this.#name();
    try {
      await this.#group.enter({
        ...options,
        ...(name ? { name } : {}),
        onWaiting: () => latest() && this.#set({ kind: 'waiting' }),
      });
      if (latest()) this.#set({ kind: 'member' });
    } catch (error) {
      // A newer attempt (with a password) replaced this one: its outcome decides.
      if (latest()) this.#set(failedMembership(error));
    }
  }

  #set(state: Membership): void {
    if (!this.#disposed) this.state.value = state;
  }
}
