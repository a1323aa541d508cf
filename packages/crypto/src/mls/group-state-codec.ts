import { sha256 } from '@noble/hashes/sha2.js';
import { decodeGroupState, encodeGroupState } from 'ts-mls';
import { decodeGroupStateWithoutTree, encodeGroupStateWithoutTree } from 'ts-mls/clientState.js';
import { encode } from 'ts-mls/codec/tlsEncoder.js';
import { decodeRatchetTree, ratchetTreeEncoder } from 'ts-mls/ratchetTree.js';
import { equalBytes, fromHex, toHex } from '../bytes.ts';
import { CryptoError } from '../crypto-error.ts';
import { yamClientConfig } from './client-config.ts';
import { MLS_LIMITS } from './limits.ts';
import type { RoomGroup } from './room-group.ts';

/** Format version byte in front of ts-mls's own GroupState encoding (the whole state). */
const VERSION = 1;
/** The state without its ratchet tree, which is kept apart: [2][SHA-256 of the tree] ... */
const VERSION_SPLIT = 2;
/** The ratchet tree alone: [1] then ts-mls's RatchetTree encoding. */
const TREE_VERSION = 1;

/**
 * Serialises a group for persistence. The bytes contain the device's private keys and epoch
 * secrets: store them like the identity itself.
 */
export function serializeRoomGroup(group: RoomGroup): Uint8Array {
  return withVersion(VERSION, encodeGroupState(group.state));
}

/**
 * The group's ratchet tree alone, and its reference (hex SHA-256 of these bytes). The tree
 * grows with the group (~50 KB at 200 members) but changes only with commits, so a device
 * stores it apart and rewrites only the rest per message (`serializeRoomGroupState`).
 */
export function serializeGroupTree(group: RoomGroup): { bytes: Uint8Array; ref: string } {
  const bytes = withVersion(TREE_VERSION, encode(ratchetTreeEncoder)(group.state.ratchetTree));
  return { bytes, ref: toHex(sha256(bytes)) };
}

/**
 * Everything of the group but its ratchet tree, naming the tree by `treeRef` (from
 * serializeGroupTree of the same group). Load with deserializeRoomGroup(bytes, treeBytes).
 */
export function serializeRoomGroupState(group: RoomGroup, treeRef: string): Uint8Array {
  const ref = fromHex(treeRef);
  if (ref.length !== 32) throw new RangeError('a tree reference is 32 bytes of hex');
  const body = encodeGroupStateWithoutTree(group.state);
  const out = new Uint8Array(1 + 32 + body.length);
  out[0] = VERSION_SPLIT;
  out.set(ref, 1);
  out.set(body, 33);
  return out;
}

/** The tree a saved state needs (hex SHA-256), or undefined when the bytes hold the whole group. */
export function groupTreeRef(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== VERSION_SPLIT || bytes.length < 33) return undefined;
  return toHex(bytes.subarray(1, 33));
}

/**
 * Restores a group saved by serializeRoomGroup, or by serializeRoomGroupState plus the tree
 * it names (checked against its SHA-256); the client config is always ours.
 */
export function deserializeRoomGroup(bytes: Uint8Array, treeBytes?: Uint8Array): RoomGroup {
  if (bytes.length > MLS_LIMITS.groupStateBytes) {
    throw new CryptoError('TOO_LARGE', 'group state exceeds its cap');
  }
  if (bytes[0] === VERSION_SPLIT) return deserializeSplit(bytes, treeBytes);
  if (bytes[0] !== VERSION) throw new CryptoError('DECODE_FAILED', 'unknown group state version');
  return {
    state: {
      ...decodeAll(() => decodeGroupState(bytes, 1), bytes.length),
      clientConfig: yamClientConfig,
    },
  };
}

function deserializeSplit(bytes: Uint8Array, treeBytes: Uint8Array | undefined): RoomGroup {
  if (treeBytes === undefined)
    throw new CryptoError('DECODE_FAILED', 'the group state needs its tree');
  if (treeBytes.length > MLS_LIMITS.groupStateBytes) {
    throw new CryptoError('TOO_LARGE', 'group tree exceeds its cap');
  }
  if (bytes.length < 33 || !equalBytes(sha256(treeBytes), bytes.subarray(1, 33))) {
    throw new CryptoError('DECODE_FAILED', 'the group tree is not the one its state names');
  }
  if (treeBytes[0] !== TREE_VERSION) throw new CryptoError('DECODE_FAILED', 'unknown tree version');
  const tree = decodeAll(() => decodeRatchetTree(treeBytes, 1), treeBytes.length);
  const state = decodeAll(() => decodeGroupStateWithoutTree(tree)(bytes, 33), bytes.length, 33);
  return { state: { ...state, clientConfig: yamClientConfig } };
}

/** Runs a ts-mls decoder that must consume everything after `offset`; CryptoError otherwise. */
function decodeAll<T>(decode: () => [T, number] | undefined, length: number, offset = 1): T {
  let decoded: [T, number] | undefined;
  try {
    decoded = decode();
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state', { cause });
  }
  // ts-mls decoders return the number of bytes they consumed from the offset.
  if (decoded === undefined || decoded[1] + offset !== length) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state');
  }
  return decoded[0];
}

function withVersion(version: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 1);
  out[0] = version;
  out.set(body, 1);
  return out;
}
