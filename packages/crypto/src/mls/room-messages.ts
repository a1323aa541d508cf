import {
  acceptAll,
  createApplicationMessage,
  emptyPskIndex,
  type PrivateMessage,
  processPrivateMessage,
} from 'ts-mls';
import { unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import { addToMap } from 'ts-mls/util/addToMap.js';
import { equalBytes } from '../bytes.ts';
import { CryptoError } from '../crypto-error.ts';
import { clientIdOf } from '../identity.ts';
import { cipherSuite } from './cipher-suite.ts';
import { MLS_LIMITS } from './limits.ts';
import { decodeMls, encodeMls } from './mls-codec.ts';
import { epochOf, type RoomGroup } from './room-group.ts';
import { assertActive, isActive } from './room-state.ts';
import { toCryptoError } from './to-crypto-error.ts';

/** Encrypts application bytes (an encoded envelope) for the group's current epoch. */
export async function encryptMessage(
  group: RoomGroup,
  plaintext: Uint8Array,
): Promise<{ ciphertext: Uint8Array; group: RoomGroup }> {
  assertActive(group);
  const cs = await cipherSuite();
  try {
    // `result.consumed` is not wiped: ts-mls shares those buffers with the input state,
    // which callers keep (a RoomGroup is a value), and wiping them would leave that state
    // encrypting under an all-zero secret. The new state no longer references them.
    const result = await createApplicationMessage(group.state, plaintext, cs);
    const ciphertext = encodeMls({
      version: 'mls10',
      wireformat: 'mls_private_message',
      privateMessage: result.privateMessage,
    });
    if (ciphertext.length > MLS_LIMITS.applicationBytes) {
      throw new CryptoError('TOO_LARGE', 'message exceeds the application size cap');
    }
    return { ciphertext, group: { state: result.newState } };
  } catch (err) {
    throw toCryptoError(err, 'INVALID_STATE');
  }
}

/** A decrypted application message and the member (by leaf) who sent it. */
export type Decrypted = {
  readonly plaintext: Uint8Array;
  readonly senderClientId: string;
  readonly group: RoomGroup;
};

/**
 * Decrypts an application message. Each key decrypts once: a replay, a message older than
 * the retention window, or one from an epoch this state never had fails with a typed error.
 */
export async function decryptMessage(group: RoomGroup, bytes: Uint8Array): Promise<Decrypted> {
  const { privateMessage: pm } = decodeMls(
    bytes,
    'mls_private_message',
    MLS_LIMITS.applicationBytes,
  );
  checkFraming(group, pm, 'application');
  const { state } = group;
  const current = pm.epoch === epochOf(group);
  const receiver = current
    ? {
        senderDataSecret: state.keySchedule.senderDataSecret,
        secretTree: state.secretTree,
        ratchetTree: state.ratchetTree,
        groupContext: state.groupContext,
      }
    : state.historicalReceiverData.get(pm.epoch);
  if (receiver === undefined) {
    throw new CryptoError('WRONG_EPOCH', `no keys for epoch ${pm.epoch}`);
  }
  const cs = await cipherSuite();
  let result: Awaited<ReturnType<typeof unprotectPrivateMessage>>;
  try {
    result = await unprotectPrivateMessage(
      receiver.senderDataSecret,
      pm,
      receiver.secretTree,
      receiver.ratchetTree,
      receiver.groupContext,
      state.clientConfig.keyRetentionConfig,
      cs,
    );
  } catch (err) {
    throw toCryptoError(err, 'TAMPERED');
  }
  const { content } = result;
  if (
    content.content.contentType !== 'application' ||
    content.content.sender.senderType !== 'member'
  ) {
    throw new CryptoError('TAMPERED', 'content type or sender does not match the framing');
  }
  const leaf = receiver.ratchetTree[content.content.sender.leafIndex * 2];
  if (leaf?.nodeType !== 'leaf') throw new CryptoError('NOT_MEMBER', 'sender leaf is blank');
  const nextState = current
    ? { ...state, secretTree: result.tree }
    : {
        ...state,
        historicalReceiverData: addToMap(state.historicalReceiverData, pm.epoch, {
          ...state.historicalReceiverData.get(pm.epoch)!,
          secretTree: result.tree,
        }),
      };
  // Not wiped, as in encryptMessage: the buffers are shared with `group`, which may be retried.
  return {
    plaintext: content.content.applicationData,
    senderClientId: clientIdOf(leaf.leaf.signaturePublicKey),
    group: { state: nextState },
  };
}

/**
 * Applies a commit the delivery service accepted for this group's current epoch. After a
 * commit that removed this device, `removed` is true and the group can do nothing more.
 */
export async function processCommit(
  group: RoomGroup,
  bytes: Uint8Array,
): Promise<{ group: RoomGroup; removed: boolean; authenticatedData: Uint8Array }> {
  const { privateMessage: pm } = decodeMls(bytes, 'mls_private_message', MLS_LIMITS.handshakeBytes);
  checkFraming(group, pm, 'commit');
  if (pm.epoch !== epochOf(group)) {
    throw new CryptoError(
      'WRONG_EPOCH',
      `commit for epoch ${pm.epoch}, group is at ${epochOf(group)}`,
    );
  }
  const cs = await cipherSuite();
  try {
    const result = await processPrivateMessage(group.state, pm, emptyPskIndex, cs, acceptAll);
    if (result.kind !== 'newState') throw new CryptoError('TAMPERED', 'not a commit');
    const next: RoomGroup = { state: result.newState };
    return { group: next, removed: !isActive(next), authenticatedData: pm.authenticatedData };
  } catch (err) {
    throw toCryptoError(err, 'TAMPERED');
  }
}

/** What the cleartext MLS framing says; a client uses it to route bytes before decrypting. */
export type MessageInfo = {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly contentType: 'application' | 'proposal' | 'commit';
};

/** Reads the cleartext framing of a private message (group, epoch, content type). */
export function peekMessage(bytes: Uint8Array): MessageInfo {
  const { privateMessage: pm } = decodeMls(bytes, 'mls_private_message', MLS_LIMITS.handshakeBytes);
  return { groupId: pm.groupId, epoch: pm.epoch, contentType: pm.contentType };
}

function checkFraming(group: RoomGroup, pm: PrivateMessage, expected: 'application' | 'commit') {
  assertActive(group);
  if (!equalBytes(pm.groupId, group.state.groupContext.groupId)) {
    throw new CryptoError('NOT_MEMBER', 'message is for another group');
  }
  if (pm.contentType !== expected) {
    throw new CryptoError('DECODE_FAILED', `expected ${expected}, got ${pm.contentType}`);
  }
}
