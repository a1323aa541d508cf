import { describe, expect, it } from 'vitest';
import { clientIdOf } from '../identity.ts';
import { signLeaveNotice } from './leave-notice.ts';
import { removeMember } from './membership.ts';
import { decodeRoles, encodeRoles } from './roles-codec.ts';
import { processCommit } from './room-messages.ts';
import {
  commitAllowed,
  mayChangeRoles,
  mayRemove,
  roleOf,
  rolesOf,
  setRoles,
} from './room-roles.ts';
import { addDevice, roomWith } from './test-helpers.ts';

const idOf = (d: { identity: { publicKey: Uint8Array } }) => clientIdOf(d.identity.publicKey);

describe('room roles in the GroupContext [P-ROLE1] [P-ROLE2]', () => {
  it('the creator is the owner, and every member (and a later joiner) reads the same roles', async () => {
    const [owner, bob] = await roomWith(2);
    const roles = rolesOf(owner!.group);
    expect(roles).toEqual({ owner: idOf(owner!), admins: [], membersMayRemove: false });
    expect(rolesOf(bob!.group)).toEqual(roles);
    const carol = await addDevice(owner!, [bob!]);
    expect(rolesOf(carol.group)).toEqual(roles);
  });

  it('a roles commit changes them for everyone; the roles enter the key schedule', async () => {
    const [owner, bob, carol] = await roomWith(3);
    const before = rolesOf(owner!.group)!;
    const next = { ...before, admins: [idOf(bob!)] };
    const made = await setRoles(owner!.group, next);
    for (const d of [bob!, carol!]) {
      const { group } = await processCommit(d.group, made.commit);
      expect(rolesOf(group)).toEqual(next);
      expect(roleOf(rolesOf(group), idOf(bob!))).toBe('admin');
      expect(group.state.keySchedule.epochAuthenticator).toEqual(
        made.group.state.keySchedule.epochAuthenticator,
      );
    }
  });

  it('who may remove and who may change roles', () => {
    const roles = { owner: 'O', admins: ['A'], membersMayRemove: false };
    expect(mayRemove(roles, 'O', 'M')).toBe(true);
    expect(mayRemove(roles, 'A', 'M')).toBe(true);
    expect(mayRemove(roles, 'M', 'N')).toBe(false);
    expect(mayRemove(roles, 'A', 'O')).toBe(false);
    expect(mayRemove({ ...roles, membersMayRemove: true }, 'M', 'N')).toBe(true);
    expect(mayRemove(undefined, 'M', 'N')).toBe(true);
    const promote = { ...roles, admins: ['A', 'M'] };
    expect(mayChangeRoles(roles, promote, 'A')).toBe(true);
    expect(mayChangeRoles(roles, promote, 'M')).toBe(false);
    expect(mayChangeRoles(roles, { ...roles, owner: 'A' }, 'A')).toBe(false);
    expect(mayChangeRoles(roles, { ...roles, membersMayRemove: true }, 'A')).toBe(false);
    expect(mayChangeRoles(roles, { ...roles, membersMayRemove: true }, 'O')).toBe(true);
  });

  it('encodes canonically (sorted, owner never an admin) and refuses malformed roles', () => {
    const a = encodeRoles({ owner: 'O', admins: ['B', 'A', 'O', 'A'], membersMayRemove: false });
    const b = encodeRoles({ owner: 'O', admins: ['A', 'B'], membersMayRemove: false });
    expect(a).toEqual(b);
    expect(decodeRoles(a)).toEqual({ owner: 'O', admins: ['A', 'B'], membersMayRemove: false });
    expect(decodeRoles(new TextEncoder().encode('{"v":2}'))).toBeUndefined();
    expect(decodeRoles(new TextEncoder().encode('not json'))).toBeUndefined();
  });

  it("commitAllowed: a plain member may not remove others or make itself admin; the owner may; a leaver's own notice lets anyone commit its Remove", async () => {
    const [owner, bob, carol] = await roomWith(3);
    const check = async (by: typeof bob, made: { commit: Uint8Array }) => {
      const { group, authenticatedData } = await processCommit(owner!.group, made.commit);
      return commitAllowed(owner!.group, group, idOf(by!), authenticatedData);
    };
    // Checked from the owner's view, as every member checks it: made by Bob (a plain member).
    expect(await check(bob, await removeMember(bob!.group, idOf(carol!)))).toBe(false);
    const selfPromotion = { ...rolesOf(bob!.group)!, admins: [idOf(bob!)] };
    expect(await check(bob, await setRoles(bob!.group, selfPromotion))).toBe(false);
    const notice = signLeaveNotice(carol!.identity, carol!.group);
    expect(await check(bob, await removeMember(bob!.group, idOf(carol!), notice))).toBe(true);
    // A notice Carol did not sign (Bob signs "as" her) does not count.
    const forged = signLeaveNotice(bob!.identity, bob!.group);
    expect(await check(bob, await removeMember(bob!.group, idOf(carol!), forged))).toBe(false);
    // The owner's own commits pass.
    const removeByOwner = await removeMember(owner!.group, idOf(carol!));
    const promote = await setRoles(owner!.group, selfPromotion);
    for (const made of [removeByOwner, promote]) {
      expect(commitAllowed(owner!.group, made.group, idOf(owner!), new Uint8Array())).toBe(true);
    }
  });
});
