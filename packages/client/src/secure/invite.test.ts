import { describe, expect, it } from 'vitest';
import { dmRoomId, isDmRoomId } from './dm-room-id.ts';
import {
  createInviteKey,
  inviteMac,
  openJoinInfo,
  sealJoinInfo,
  verifyInviteMac,
} from './invite-crypto.ts';
import { inviteKeyOf, inviteLink } from './invite-link.ts';

const kp = Uint8Array.of(1, 2, 3, 4);

describe('invite keys', () => {
  it('the MAC binds key, room and KeyPackage', () => {
    const key = createInviteKey();
    const mac = inviteMac(key, 'room', kp);
    expect(verifyInviteMac(key, 'room', kp, mac)).toBe(true);
    expect(verifyInviteMac(key, 'room', Uint8Array.of(1, 2, 3, 5), mac)).toBe(false);
    expect(verifyInviteMac(key, 'other', kp, mac)).toBe(false);
    expect(verifyInviteMac(createInviteKey(), 'room', kp, mac)).toBe(false);
    expect(verifyInviteMac(key, 'room', kp, mac.subarray(1))).toBe(false);
  });

  it('join details open only with the same invite key and room', () => {
    const key = createInviteKey();
    const sealed = sealJoinInfo(key, 'room', { name: 'Ada' });
    expect(openJoinInfo(key, 'room', sealed)).toEqual({ name: 'Ada' });
    expect(openJoinInfo(createInviteKey(), 'room', sealed)).toBeUndefined();
    expect(openJoinInfo(key, 'other', sealed)).toBeUndefined();
    sealed[20]! ^= 1;
    expect(openJoinInfo(key, 'room', sealed)).toBeUndefined();
    expect(new TextDecoder().decode(sealJoinInfo(key, 'room', { name: 'Ada' }))).not.toContain(
      'Ada',
    );
  });

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
