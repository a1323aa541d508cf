import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from '../bytes.ts';
import type { DeviceIdentity } from '../identity.ts';
import { LABELS } from '../labels.ts';
import { leafIndexOf, ownLeafIndex, type RoomGroup } from './room-group.ts';

/** Ed25519 signature size: a leave notice is exactly one signature. */
const SIGNATURE_BYTES = 64;

/**
 * What a leave notice signs: the label, the group ID and the leaver's current leaf HPKE key.
 * The leaf key changes whenever the member commits or joins again, so an old notice cannot
 * remove it after it rejoined.
 */
function leaveInput(group: RoomGroup, leafIndex: number): Uint8Array {
  const node = group.state.ratchetTree[leafIndex * 2];
  if (node?.nodeType !== 'leaf') throw new Error('no leaf at that index');
  return concatBytes(utf8(LABELS.leave), group.state.groupContext.groupId, node.leaf.hpkePublicKey);
}

/** Signs this device's notice that it leaves the group. [P-ROLE2] */
export function signLeaveNotice(identity: DeviceIdentity, group: RoomGroup): Uint8Array {
  return ed25519.sign(leaveInput(group, ownLeafIndex(group)), identity.secretKey);
}

/** Whether `notice` is `clientId`'s own signed notice that it leaves this group. [P-ROLE2] */
export function verifyLeaveNotice(group: RoomGroup, clientId: string, notice: Uint8Array): boolean {
  if (notice.length !== SIGNATURE_BYTES) return false;
  try {
    const leafIndex = leafIndexOf(group, clientId);
    const node = group.state.ratchetTree[leafIndex * 2];
    if (node?.nodeType !== 'leaf') return false;
    return ed25519.verify(notice, leaveInput(group, leafIndex), node.leaf.signaturePublicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}
