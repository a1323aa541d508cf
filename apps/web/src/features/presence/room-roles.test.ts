import { describe, expect, it } from 'vitest';
import type { RoomRoles } from '../../session/room-ports.ts';
import { mayRemove, roleAction, roleOf } from './room-roles.ts';

const roles: RoomRoles = { roles: { olive: 'owner', ada: 'admin' }, membersMayRemove: false };

describe('who may do what in the member list', () => {
  it('a room without roles: everyone may remove, nobody is offered roles', () => {
    expect(mayRemove(undefined, 'mia', 'max')).toBe(true);
    expect(roleAction(undefined, 'mia', 'max')).toBeUndefined();
    expect(roleOf(undefined, 'mia')).toBe('member');
  });

  it('the owner removes anyone else and makes or unmakes admins', () => {
    expect(mayRemove(roles, 'olive', 'ada')).toBe(true);
    expect(mayRemove(roles, 'olive', 'mia')).toBe(true);
    expect(roleAction(roles, 'olive', 'mia')).toBe('admin');
    expect(roleAction(roles, 'olive', 'ada')).toBe('member');
  });

  it('an admin removes anyone but the owner, and cannot change the owner', () => {
    expect(mayRemove(roles, 'ada', 'mia')).toBe(true);
    expect(mayRemove(roles, 'ada', 'olive')).toBe(false);
    expect(roleAction(roles, 'ada', 'olive')).toBeUndefined();
    expect(roleAction(roles, 'ada', 'mia')).toBe('admin');
  });

  it('a member removes nobody, unless the room lets members remove (never the owner)', () => {
    expect(mayRemove(roles, 'mia', 'max')).toBe(false);
    expect(mayRemove(roles, 'mia', 'ada')).toBe(false);
    expect(roleAction(roles, 'mia', 'max')).toBeUndefined();
    const open = { ...roles, membersMayRemove: true };
    expect(mayRemove(open, 'mia', 'max')).toBe(true);
    expect(mayRemove(open, 'mia', 'ada')).toBe(true);
    expect(mayRemove(open, 'mia', 'olive')).toBe(false);
  });
});
