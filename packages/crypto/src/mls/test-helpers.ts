import { expect } from 'vitest';
import { type CryptoErrorCode, isCryptoError } from '../crypto-error.ts';
import { createIdentity, type DeviceIdentity } from '../identity.ts';
import { createKeyPackage } from './key-package.ts';
import { addMembers, joinFromWelcome } from './membership.ts';
import { createRoomGroup, type RoomGroup } from './room-group.ts';
import { processCommit } from './room-messages.ts';

/** A test device: identity plus its current group state. */
export type Device = { identity: DeviceIdentity; group: RoomGroup };

/** Creates a room with `count` real members: the first creates, then one commit adds the rest. */
export async function roomWith(count: number, roomId = 'room-1'): Promise<Device[]> {
  const creator = createIdentity();
  const devices: Device[] = [{ identity: creator, group: await createRoomGroup(creator, roomId) }];
  if (count === 1) return devices;
  const joiners = Array.from({ length: count - 1 }, () => createIdentity());
  const pending = await Promise.all(joiners.map((id) => createKeyPackage(id)));
  const added = await addMembers(
    devices[0]!.group,
    pending.map((p) => p.keyPackage),
  );
  devices[0]!.group = added.group;
  for (const [i, identity] of joiners.entries()) {
    const { group } = await joinFromWelcome(identity, added.welcome, [pending[i]!]);
    devices.push({ identity, group });
  }
  return devices;
}

/** Adds a fresh device via `adder`; every other listed device processes the commit. */
export async function addDevice(adder: Device, others: Device[]): Promise<Device> {
  const identity = createIdentity();
  const pending = await createKeyPackage(identity);
  const added = await addMembers(adder.group, [pending.keyPackage]);
  adder.group = added.group;
  for (const d of others) d.group = (await processCommit(d.group, added.commit)).group;
  const { group } = await joinFromWelcome(identity, added.welcome, [pending]);
  return { identity, group };
}

/** Asserts that `promise` rejects with a CryptoError of one of the given codes. */
export async function expectCryptoError(
  promise: Promise<unknown> | (() => unknown),
  ...codes: CryptoErrorCode[]
): Promise<void> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    error = err;
  }
  expect(isCryptoError(error), `expected a CryptoError, got ${String(error)}`).toBe(true);
  expect(codes).toContain((error as { code: string }).code);
}

export const text = (s: string) => new TextEncoder().encode(s);
export const read = (b: Uint8Array) => new TextDecoder().decode(b);
