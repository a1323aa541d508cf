import type { EnterOutcome } from '@yam/client';
import { ErrorCode, YamError } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { MembershipSource } from '../../session/room-ports.ts';
import { JOIN_FAILED_TEXT, OTHER_FAILURE_TEXT, RoomMembership } from './room-membership.ts';

type EnterCall = Parameters<MembershipSource['enter']>[0];

/** The SDK's enter() played by the test: each call waits until the test settles it. */
class FakeGroup implements MembershipSource {
  readonly calls: EnterCall[] = [];
  readonly #settle: { resolve(o: EnterOutcome): void; reject(e: unknown): void }[] = [];
  #removed: (() => void) | undefined;

  async status() {
    return 'none' as const;
  }
  enter(options: EnterCall): Promise<EnterOutcome> {
    this.calls.push(options);
    return new Promise((resolve, reject) => this.#settle.push({ resolve, reject }));
  }
  onRemoved(listener: () => void) {
    this.#removed = listener;
    return () => {
      this.#removed = undefined;
    };
  }

  waiting(call = this.calls.length - 1): void {
    this.calls[call]!.onWaiting?.();
  }
  resolve(outcome: EnterOutcome, call = this.calls.length - 1): void {
    this.#settle[call]!.resolve(outcome);
  }
  reject(code: ErrorCode, call = this.calls.length - 1): void {
    this.#settle[call]!.reject(new YamError(code, 'words the UI must not use'));
  }
  remove(): void {
    this.#removed?.();
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const group = new FakeGroup();
  const membership = new RoomMembership(group);
  return { group, membership, state: () => membership.state.value };
}

describe('RoomMembership: UI state over enter()', () => {
  it('passes the invite fragment and password to enter(), and is a member once it resolves', async () => {
    const { group, membership, state } = setup();
    const done = membership.start('invite=abc', 'pw');
    expect(state()).toEqual({ kind: 'checking' });
    expect(group.calls[0]).toMatchObject({ invite: 'invite=abc', password: 'pw' });
    group.resolve('joined');
    await done;
    expect(state()).toEqual({ kind: 'member' });
  });

  it('shows waiting when enter() starts waiting for a member', async () => {
    const { group, membership, state } = setup();
    const done = membership.start(undefined);
    expect(group.calls[0]).toEqual({ onWaiting: expect.any(Function) });
    group.waiting();
    expect(state()).toEqual({ kind: 'waiting' });
    group.resolve('joined');
    await done;
    expect(state()).toEqual({ kind: 'member' });
  });

  it.each([
    [
      ErrorCode.JoinRefused,
      'A member refused your request to join this room. If that is a mistake, ask a member for an invite link.',
    ],
    [
      ErrorCode.InviteInvalid,
      'A member refused your request: this invite link was already used or is not valid any more. Ask a member for a new one.',
    ],
    [
      ErrorCode.PasswordWrong,
      'That password is not right for this room. Check it with a member and try again.',
    ],
    [ErrorCode.JoinTimeout, 'No member let you in yet: try again later.'],
    [
      ErrorCode.PasswordTries,
      'Too many wrong passwords were tried for this room lately. Wait a few minutes, then try again, or ask a member for an invite link.',
    ],
    [
      ErrorCode.QuotaExceeded,
      'Too many requests to join are waiting, for this room or from your network. Try again later.',
    ],
    [ErrorCode.Internal, OTHER_FAILURE_TEXT],
  ])('a failure with code %s says so in the app’s words', async (code, words) => {
    const { group, membership, state } = setup();
    const done = membership.start(undefined);
    group.reject(code);
    await done;
    // A refused password proves the room has one: the password field stays in view.
    const hasPassword = code === ErrorCode.PasswordWrong || code === ErrorCode.PasswordTries;
    const passwordWrong = hasPassword ? { passwordWrong: true } : {};
    expect(state()).toEqual({ kind: 'failed', message: words, ...passwordWrong });
    if (code !== ErrorCode.Internal) expect(JOIN_FAILED_TEXT[code]).toBe(words);
  });

  it('REMOVED is the removed state, as is a removal later', async () => {
    const { group, membership, state } = setup();
    const done = membership.start(undefined);
    group.reject(ErrorCode.Removed);
    await done;
    expect(state()).toEqual({ kind: 'removed' });

    const later = setup();
    const entered = later.membership.start(undefined);
    later.group.resolve('member');
    await entered;
    later.group.remove();
    expect(later.state()).toEqual({ kind: 'removed' });
  });

  it('a password attempt replaces the waiting one: only its outcome counts', async () => {
    const { group, membership, state } = setup();
    const first = membership.start(undefined);
    group.waiting(0);
    const second = membership.joinWithPassword('open sesame');
    expect(state()).toEqual({ kind: 'waiting' });
    expect(group.calls[1]).toMatchObject({ password: 'open sesame' });
    group.reject(ErrorCode.Internal, 0); // the SDK drops the replaced request
    await first;
    expect(state()).toEqual({ kind: 'waiting' });
    group.reject(ErrorCode.PasswordWrong, 1);
    await second;
    expect(state()).toEqual({
      kind: 'failed',
      message: JOIN_FAILED_TEXT[ErrorCode.PasswordWrong],
      passwordWrong: true,
    });
  });

  it('reports nothing after dispose', async () => {
    const { group, membership, state } = setup();
    const done = membership.start(undefined);
    membership.dispose();
    group.resolve('created');
    await done;
    await flush();
    expect(state()).toEqual({ kind: 'checking' });
  });
});
