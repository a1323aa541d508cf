import { createHash } from 'node:crypto';

/** A blob's address: base64url SHA-256 of its bytes, 43 characters. Nothing else is a path. [P-BLOB2] */
export const BLOB_HASH = /^[A-Za-z0-9_-]{43}$/;

/** The address of some bytes. [P-BLOB2] */
export function blobHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

export type BlobLimits = {
  quotaBytes: number;
  /** Unexpired blob bytes per uploader IP (IPv6 per /64), all identities together. */
  ipQuotaBytes: number;
  /** Unexpired blob bytes of everyone together: the disk budget. */
  diskBudgetBytes: number;
  ttlMs: number;
};

/**
 * Refusals store nothing. `quota`: the owner's or its IP's unexpired blobs plus this one
 * would pass their quota; `full`: everyone's would pass the disk budget.
 */
export type PutBlobResult =
  | { ok: true; hash: string; size: number }
  | { ok: false; reason: 'quota' | 'full' };

/**
 * Content-addressed blob storage [P-BLOB1]: each blob has an owner charged against a byte
 * quota (and its IP against another), everyone together against a budget, and an expiry
 * pushed back on every re-upload of the same bytes. `SqliteBlobStore` keeps them in the
 * data folder, `PostgresBlobStore` in the database every server shares
 * (blob-store.contract.ts runs on both).
 */
export interface BlobStore {
  /** Stores bytes under their SHA-256 unless the owner's, its IP's or everyone's budget is full. */
  put(owner: string, ip: string, data: Uint8Array, now?: number): Promise<PutBlobResult>;
  /** The bytes of an unexpired blob; undefined for unknown, expired or malformed hashes. */
  get(hash: string, now?: number): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}
