import { createInviteKey } from '@yam/crypto';
import { describe, expect, it } from 'vitest';
import { inviteKeyFrom } from '../rooms/enter-room.ts';
import { dmRoomId, isDmRoomId } from './dm-room-id.ts';
import { inviteKeyOf, inviteLink } from './invite-link.ts';

describe('invite links', () => {
  it('the link carries the key in the fragment only', () => {
    const key = createInviteKey();
    const link = inviteLink('https://yam.example/?room=r&name=Tea', key);
    const [beforeHash] = link.split('#');
    expect(beforeHash).toBe('https://yam.example/?room=r&name=Tea');
    expect(inviteKeyOf(link)).toEqual(key);
    expect(inviteKeyOf('https://yam.example/?room=r')).toBeUndefined();
    expect(inviteKeyOf('https://yam.example/?room=r#invite=short')).toBeUndefined();
    expect(inviteKeyOf('https://yam.example/?room=r#invite=%%%')).toBeUndefined();
  });

  it('enter() takes the invite as a link, a fragment with or without "#", or bytes', () => {
    const key = createInviteKey();
    const link = inviteLink('https://yam.example/?room=r', key);
    const fragment = link.split('#')[1]!;
    expect(inviteKeyFrom(link)).toEqual(key);
    expect(inviteKeyFrom(fragment)).toEqual(key);
    expect(inviteKeyFrom(`#${fragment}`)).toEqual(key);
    expect(inviteKeyFrom(key)).toBe(key);
    expect(inviteKeyFrom('https://yam.example/?room=r')).toBeUndefined();
    expect(inviteKeyFrom(undefined)).toBeUndefined();
    expect(() => inviteKeyFrom(key.subarray(1))).toThrow(
      expect.objectContaining({ code: 'INVITE_INVALID' }),
    );
  });
});

describe('DM room IDs', () => {
  it('are the same from both sides, differ per pair, and look like DM rooms', () => {
    const a = 'A'.repeat(43);
    const b = 'B'.repeat(43);
    const c = 'C'.repeat(43);
    expect(dmRoomId(a, b)).toBe(dmRoomId(b, a));
    expect(dmRoomId(a, b)).not.toBe(dmRoomId(a, c));
    expect(isDmRoomId(dmRoomId(a, b))).toBe(true);
    expect(dmRoomId(a, b)).toMatch(/^dm-[A-Za-z0-9_-]{32}$/);
    expect(isDmRoomId('tea-room')).toBe(false);
  });
});
