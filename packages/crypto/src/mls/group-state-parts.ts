import type { ClientState } from 'ts-mls';
import { mapDecoders } from 'ts-mls/codec/tlsDecoder.js';
import { contramapBufferEncoders, encode } from 'ts-mls/codec/tlsEncoder.js';
import {
  bigintMapEncoder,
  decodeBigintMap,
  decodeVarLenData,
  varLenDataEncoder,
} from 'ts-mls/codec/variableLength.js';
import { decodeEpochReceiverData, epochReceiverDataEncoder } from 'ts-mls/epochReceiverData.js';
import { decodeGroupActiveState, groupActiveStateEncoder } from 'ts-mls/groupActiveState.js';
import { decodeGroupContext, groupContextEncoder } from 'ts-mls/groupContext.js';
import { decodeKeySchedule, keyScheduleEncoder } from 'ts-mls/keySchedule.js';
import { decodePrivateKeyPath, privateKeyPathEncoder } from 'ts-mls/privateKeyPath.js';
import { decodeRatchetTree, ratchetTreeEncoder } from 'ts-mls/ratchetTree.js';
import { decodeSecretTree, secretTreeEncoder } from 'ts-mls/secretTree.js';
import { decodeUnappliedProposals, unappliedProposalsEncoder } from 'ts-mls/unappliedProposals.js';

/**
 * ts-mls's GroupState encoding cut in three, from ts-mls's own field codecs: the parts a
 * commit changes and that grow with the group (the ratchet tree; the receiver data kept for
 * past epochs, which holds their trees too), and the core a message changes (the secret
 * tree's ratchets, the key schedule, the private path, ...).
 */
type Core = Omit<ClientState, 'ratchetTree' | 'historicalReceiverData' | 'clientConfig'>;
type History = ClientState['historicalReceiverData'];
type Tree = ClientState['ratchetTree'];

const coreEncoder = contramapBufferEncoders(
  [
    groupContextEncoder,
    keyScheduleEncoder,
    secretTreeEncoder,
    privateKeyPathEncoder,
    varLenDataEncoder,
    unappliedProposalsEncoder,
    varLenDataEncoder,
    groupActiveStateEncoder,
  ],
  (s: Core) =>
    [
      s.groupContext,
      s.keySchedule,
      s.secretTree,
      s.privatePath,
      s.signaturePrivateKey,
      s.unappliedProposals,
      s.confirmationTag,
      s.groupActiveState,
    ] as const,
);

const decodeCore = mapDecoders(
  [
    decodeGroupContext,
    decodeKeySchedule,
    decodeSecretTree,
    decodePrivateKeyPath,
    decodeVarLenData,
    decodeUnappliedProposals,
    decodeVarLenData,
    decodeGroupActiveState,
  ],
  (
    groupContext,
    keySchedule,
    secretTree,
    privatePath,
    signaturePrivateKey,
    unappliedProposals,
    confirmationTag,
    groupActiveState,
  ): Core => ({
    groupContext,
    keySchedule,
    secretTree,
    privatePath,
    signaturePrivateKey,
    unappliedProposals,
    confirmationTag,
    groupActiveState,
  }),
);

const historyEncoder = bigintMapEncoder(epochReceiverDataEncoder);
const decodeHistory = decodeBigintMap(decodeEpochReceiverData);

export const encodeCore: (core: Core) => Uint8Array = encode(coreEncoder);
export const encodeTree: (tree: Tree) => Uint8Array = encode(ratchetTreeEncoder);
export const encodeHistory: (history: History) => Uint8Array = encode(historyEncoder);

export function decodeCoreAt(bytes: Uint8Array, offset: number): [Core, number] | undefined {
  return decodeCore(bytes, offset);
}

export function decodeTreeAt(bytes: Uint8Array, offset: number): [Tree, number] | undefined {
  return decodeRatchetTree(bytes, offset);
}

export function decodeHistoryAt(bytes: Uint8Array, offset: number): [History, number] | undefined {
  return decodeHistory(bytes, offset);
}
