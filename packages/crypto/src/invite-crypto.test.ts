import { describe, expect, it } from 'vitest';
import {
  createInviteKey,
  inviteMac,
  openJoinInfo,
  sealJoinInfo,
  verifyInviteMac,
} from './invite-crypto.ts';
import { roomPasswordKey } from './room-password.ts';

const kp = Uint8Array.of(1, 2, 3, 4);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

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

  it('known answers: the invite MAC and the room password key (labels and inputs are fixed)', async () => {
    const key = new Uint8Array(32).map((_, i) => i);
    expect(hex(inviteMac(key, 'tea-room', kp))).toBe(
      'd21a9e90c0d7c198efdf5caf138dd4ecbaab06b57428f4e060a6396697c5a3d2',
    );
    expect(hex(await roomPasswordKey('correct horse', 'tea-room'))).toBe(
      '44daf67b42e6365e6528485896a4094afb39599aafbb7f4bff161f8e5a4c744b',
    );
  });
});
