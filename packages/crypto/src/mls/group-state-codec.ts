import { sha256 } from '@noble/hashes/sha2.js';
import { decodeGroupState, encodeGroupState } from 'ts-mls';
import { equalBytes, fromHex, toHex } from '../bytes.ts';
import { CryptoError } from '../crypto-error.ts';
import { yamClientConfig } from './client-config.ts';
import {
  decodeCoreAt,
  decodeHistoryAt,
  decodeTreeAt,
  encodeCore,
  encodeHistory,
  encodeTree,
} from './group-state-parts.ts';
import { MLS_LIMITS } from './limits.ts';
import type { RoomGroup } from './room-group.ts';

/** Format version byte in front of ts-mls's own GroupState encoding (the whole state). */
const VERSION = 1;
/** The core alone: [3][SHA-256 of the tree part][SHA-256 of the history part] core. */
const VERSION_SPLIT = 3;
/** A part: [1][tag] encoding, the tag saying which part it is. */
const PART_VERSION = 1;
const PART_TAGS = { tree: 1, history: 2 } as const;

/**
 * The parts of a group kept apart from its core: its ratchet tree and the receiver data of
 * past epochs. Both grow with the group (~50 KB and up to ~90 KB at 200 members) and change
 * only with commits (history also when a message of a past epoch is read), so a device
 * rewrites them only then and the small core per message (`serializeRoomGroupState`).
 */
export type GroupPart = keyof typeof PART_TAGS;

/** The references (hex SHA-256 of the part bytes) a core names its parts by. */
export type GroupPartRefs = Readonly<Record<GroupPart, string>>;

/**
 * Serialises a group for persistence. The bytes contain the device's private keys and epoch
 * secrets: store them like the identity itself.
 */
export function serializeRoomGroup(group: RoomGroup): Uint8Array {
  return withHeader([VERSION], encodeGroupState(group.state));
}

/** One part of the group (see GroupPart), and its reference. */
export function serializeGroupPart(
  group: RoomGroup,
  part: GroupPart,
): { bytes: Uint8Array; ref: string } {
  const body =
    part === 'tree'
      ? encodeTree(group.state.ratchetTree)
      : encodeHistory(group.state.historicalReceiverData);
  const bytes = withHeader([PART_VERSION, PART_TAGS[part]], body);
  return { bytes, ref: toHex(sha256(bytes)) };
}

/**
 * Everything of the group but its parts, naming them by `refs` (from serializeGroupPart of
 * the same group). Load with deserializeRoomGroup(bytes, parts).
 */
export function serializeRoomGroupState(group: RoomGroup, refs: GroupPartRefs): Uint8Array {
  const tree = fromHex(refs.tree);
  const history = fromHex(refs.history);
  if (tree.length !== 32 || history.length !== 32) {
    throw new RangeError('a part reference is 32 bytes of hex');
  }
  return withHeader([VERSION_SPLIT, ...tree, ...history], encodeCore(group.state));
}

/** The parts a saved core needs, or undefined when the bytes hold the whole group. */
export function groupPartRefs(bytes: Uint8Array): GroupPartRefs | undefined {
  if (bytes[0] !== VERSION_SPLIT || bytes.length < 65) return undefined;
  return { tree: toHex(bytes.subarray(1, 33)), history: toHex(bytes.subarray(33, 65)) };
}

/**
 * Restores a group saved by serializeRoomGroup, or by serializeRoomGroupState plus the
 * parts it names (each checked against its SHA-256); the client config is always ours.
 */
export function deserializeRoomGroup(
  bytes: Uint8Array,
  parts: Partial<Record<GroupPart, Uint8Array>> = {},
): RoomGroup {
  if (bytes.length > MLS_LIMITS.groupStateBytes) {
    throw new CryptoError('TOO_LARGE', 'group state exceeds its cap');
  }
  if (bytes[0] === VERSION_SPLIT) return deserializeSplit(bytes, parts);
  if (bytes[0] !== VERSION) throw new CryptoError('DECODE_FAILED', 'unknown group state version');
  const state = decodeAll(() => decodeGroupState(bytes, 1), bytes, 1);
  return { state: { ...state, clientConfig: yamClientConfig } };
}

function deserializeSplit(
  bytes: Uint8Array,
  parts: Partial<Record<GroupPart, Uint8Array>>,
): RoomGroup {
  const refs = groupPartRefs(bytes);
  if (refs === undefined) throw new CryptoError('DECODE_FAILED', 'corrupt group state');
  const treeBytes = checkedPart(parts, refs, 'tree');
  const historyBytes = checkedPart(parts, refs, 'history');
  const tree = decodeAll(() => decodeTreeAt(treeBytes, 2), treeBytes, 2);
  const history = decodeAll(() => decodeHistoryAt(historyBytes, 2), historyBytes, 2);
  const core = decodeAll(() => decodeCoreAt(bytes, 65), bytes, 65);
  return {
    state: {
      ...core,
      ratchetTree: tree,
      historicalReceiverData: history,
      clientConfig: yamClientConfig,
    },
  };
}

/** The part's bytes, once they are the very bytes the core names. */
function checkedPart(
  parts: Partial<Record<GroupPart, Uint8Array>>,
  refs: GroupPartRefs,
  part: GroupPart,
): Uint8Array {
  const bytes = parts[part];
  if (bytes === undefined)
    throw new CryptoError('DECODE_FAILED', `the group state needs its ${part}`);
  if (bytes.length > MLS_LIMITS.groupStateBytes) {
    throw new CryptoError('TOO_LARGE', `group ${part} exceeds its cap`);
  }
  if (!equalBytes(sha256(bytes), fromHex(refs[part]))) {
    throw new CryptoError('DECODE_FAILED', `the group ${part} is not the one its state names`);
  }
  if (bytes[0] !== PART_VERSION || bytes[1] !== PART_TAGS[part]) {
    throw new CryptoError('DECODE_FAILED', `unknown group ${part} format`);
  }
  return bytes;
}

/** Runs a ts-mls decoder that must consume all of `bytes` after `offset`; CryptoError otherwise. */
function decodeAll<T>(decode: () => [T, number] | undefined, bytes: Uint8Array, offset: number): T {
  let decoded: [T, number] | undefined;
  try {
    decoded = decode();
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state', { cause });
  }
  // ts-mls decoders return the number of bytes they consumed from the offset.
  if (decoded === undefined || decoded[1] + offset !== bytes.length) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state');
  }
  return decoded[0];
}

function withHeader(header: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
