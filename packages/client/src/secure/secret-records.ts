import { sha256 } from '@noble/hashes/sha2.js';
import type { PendingKeyPackage } from '@yam/crypto';
import { fromBase64Url, toBase64Url } from '@yam/protocol';

/**
 * Per-room facts kept beside the group: from which epoch we can read, whether we were
 * removed, and the commit of our epoch we skipped (our next commit voids it). [P-MEM7]
 */
export type RoomMeta = {
  joinEpoch: number;
  removed?: boolean;
  skipped?: { epoch: number; seq: number };
};

export function encodeMeta(meta: RoomMeta): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(meta));
}

export function decodeMeta(bytes: Uint8Array | undefined): RoomMeta | undefined {
  if (!bytes) return undefined;
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const joinEpoch = typeof raw.joinEpoch === 'number' ? raw.joinEpoch : 0;
    const skip = raw.skipped as { epoch?: unknown; seq?: unknown } | undefined;
    const skipped =
      typeof skip?.epoch === 'number' && typeof skip.seq === 'number'
        ? { epoch: skip.epoch, seq: skip.seq }
        : undefined;
    return {
      joinEpoch,
      ...(raw.removed === true ? { removed: true } : {}),
      ...(skipped ? { skipped } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Where a room's password key is kept (kind 'room'; room IDs never hold a newline). */
export function passwordKeyId(room: string): string {
  return `${room}\npassword`;
}

/** Store key of a pending KeyPackage: a hash of its public bytes. */
export function keyPackageId(keyPackage: Uint8Array): string {
  return toBase64Url(sha256(keyPackage));
}

export function encodePendingKeyPackage(kp: PendingKeyPackage): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      keyPackage: toBase64Url(kp.keyPackage),
      initPrivateKey: toBase64Url(kp.initPrivateKey),
      hpkePrivateKey: toBase64Url(kp.hpkePrivateKey),
    }),
  );
}

export function decodePendingKeyPackage(bytes: Uint8Array): PendingKeyPackage | undefined {
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>;
    return {
      keyPackage: fromBase64Url(raw.keyPackage!),
      initPrivateKey: fromBase64Url(raw.initPrivateKey!),
      hpkePrivateKey: fromBase64Url(raw.hpkePrivateKey!),
    };
  } catch {
    return undefined;
  }
}
