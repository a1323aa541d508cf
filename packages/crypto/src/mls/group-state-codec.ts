import { decodeGroupState, encodeGroupState } from 'ts-mls';
import { CryptoError } from '../crypto-error.ts';
import { yamClientConfig } from './client-config.ts';
import { MLS_LIMITS } from './limits.ts';
import type { RoomGroup } from './room-group.ts';

/** Format version byte in front of ts-mls's own GroupState encoding. */
const VERSION = 1;

/**
 * Serialises a group for persistence. The bytes contain the device's private keys and epoch
 * secrets: store them like the identity itself.
 */
export function serializeRoomGroup(group: RoomGroup): Uint8Array {
  const body = encodeGroupState(group.state);
  const out = new Uint8Array(body.length + 1);
  out[0] = VERSION;
  out.set(body, 1);
  return out;
}

/** Restores a group saved by serializeRoomGroup; the client config is always ours. */
export function deserializeRoomGroup(bytes: Uint8Array): RoomGroup {
  if (bytes.length > MLS_LIMITS.groupStateBytes) {
    throw new CryptoError('TOO_LARGE', 'group state exceeds its cap');
  }
  if (bytes[0] !== VERSION) throw new CryptoError('DECODE_FAILED', 'unknown group state version');
  let decoded: ReturnType<typeof decodeGroupState>;
  try {
    decoded = decodeGroupState(bytes, 1);
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state', { cause });
  }
  // ts-mls decoders return the number of bytes they consumed from the offset.
  if (decoded === undefined || decoded[1] + 1 !== bytes.length) {
    throw new CryptoError('DECODE_FAILED', 'corrupt group state');
  }
  return { state: { ...decoded[0], clientConfig: yamClientConfig } };
}
