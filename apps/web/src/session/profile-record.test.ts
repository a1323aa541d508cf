import { describe, expect, it } from 'vitest';
import { decodeProfile, encodeProfile, type ProfileRecord } from './profile-record.ts';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const avatar = { hash: 'h'.repeat(43), key: 'k'.repeat(43), size: 1234, type: 'image/jpeg' };

describe('profile record', () => {
  it('round-trips name, colour and avatar', () => {
    const profile: ProfileRecord = { name: 'Ana', colour: '#1f5f8b', avatar };
    expect(decodeProfile(encodeProfile(profile))).toEqual(profile);
  });

  it('drops bad fields one by one and refuses a record without a name', () => {
    expect(
      decodeProfile(
        bytes({ name: ' Bo ', colour: 'red', avatar: { ...avatar, type: 'text/html' } }),
      ),
    ).toEqual({
      name: 'Bo',
    });
    expect(decodeProfile(bytes({ name: '  ' }))).toBeUndefined();
    expect(decodeProfile(bytes(['Ana']))).toBeUndefined();
    expect(decodeProfile(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
    expect(decodeProfile(bytes({ name: 'x'.repeat(100) }))?.name).toHaveLength(40);
  });
});
