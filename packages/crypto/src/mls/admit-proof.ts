import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, utf8 } from '../bytes.ts';
import { LABELS } from '../labels.ts';
import type { RoomGroup } from './room-group.ts';

/**
 * What the admitting member MACs with the invite key: the group ID, the epoch authenticator
 * of the epoch its Add commit made, and the joiner. Only a member of that very epoch knows
 * the authenticator, and only a holder of the invite knows the key. [P-E2E8]
 */
function proofInput(group: RoomGroup, joiner: string): Uint8Array {
  const { groupContext, keySchedule } = group.state;
  return concatBytes(
    utf8(LABELS.admitProof),
    groupContext.groupId,
    keySchedule.epochAuthenticator,
    utf8(joiner),
  );
}

/** The admitter's proof, made on the group its Add commit produced. */
export function admitProof(inviteKey: Uint8Array, group: RoomGroup, joiner: string): Uint8Array {
  return hmac(sha256, inviteKey, proofInput(group, joiner));
}

/** The joiner's check, on the group it joined from the Welcome. */
export function verifyAdmitProof(
  inviteKey: Uint8Array,
  group: RoomGroup,
  joiner: string,
  proof: Uint8Array,
): boolean {
  return equalBytes(admitProof(inviteKey, group, joiner), proof);
}
