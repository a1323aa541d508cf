import { z } from 'zod/mini';

/** Largest file count of one transfer, and chunk size of the byte stream. */
export const TRANSFER_LIMITS = {
  maxFiles: 100,
  chunkBytes: 64 * 1024,
  /** Bytes sent but not yet written by the receiver: the receiver's memory bound. */
  windowBytes: 8 * 1024 * 1024,
  /** The receiver acknowledges written bytes at least this often. */
  ackEveryBytes: 1024 * 1024,
  /** The sender waits while the channel's send queue is above this. */
  highWaterBytes: 4 * 1024 * 1024,
  lowWaterBytes: 1024 * 1024,
} as const;

/** One file as the receiver first sees it. */
export const FileMeta = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  size: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  type: z.string().check(z.maxLength(255)),
});
export type FileMeta = z.infer<typeof FileMeta>;

const Position = {
  file: z.int().check(z.minimum(0), z.maximum(TRANSFER_LIMITS.maxFiles)),
  offset: z.int().check(z.minimum(0)),
};

/**
 * Control messages (JSON text frames) of the transfer protocol; the file bytes travel
 * as binary frames between `start` and `end`. A re-sent `offer` with a known id on a new
 * channel is a resume: the receiver answers `accept` with where it stopped.
 */
export const TransferMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('offer'),
    id: z.string().check(z.minLength(8), z.maxLength(64)),
    files: z.array(FileMeta).check(z.minLength(1), z.maxLength(TRANSFER_LIMITS.maxFiles)),
  }),
  z.object({ t: z.literal('accept'), ...Position }),
  z.object({ t: z.literal('refuse') }),
  z.object({ t: z.literal('start'), ...Position }),
  z.object({ t: z.literal('end'), file: Position.file, sha256: z.string().check(z.length(43)) }),
  z.object({ t: z.literal('ack'), ...Position }),
  z.object({ t: z.literal('done') }),
  z.object({ t: z.literal('cancel'), reason: z.string().check(z.maxLength(200)) }),
]);
export type TransferMessage = z.infer<typeof TransferMessage>;

/** Parses a text frame; undefined when it is not a valid transfer message. */
export function parseTransferMessage(text: string): TransferMessage | undefined {
  try {
    const parsed = TransferMessage.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Where a transfer stands, as both sides show it. */
export type TransferStage =
  | 'signalling' // waiting for the server (ICE servers, signalling)
  | 'connecting' // opening the channel
  | 'waiting' // the offer is out; waiting for the receiver's decision
  | 'deciding' // receiver side: the user has not chosen yet
  | 'transferring'
  | 'interrupted' // the channel dropped; resuming
  | 'verifying'
  | 'done'
  | 'refused'
  | 'cancelled'
  | 'failed';

/** Progress: bytes the receiver has (sender: has written), speed and time left. */
export type TransferProgress = {
  bytes: number;
  total: number;
  bytesPerSec: number;
  /** Seconds left at the current speed; undefined while unknown. */
  etaSec: number | undefined;
};

/** A snapshot of one transfer for the UI. */
export type TransferInfo = {
  id: string;
  peer: string;
  direction: 'send' | 'receive';
  files: FileMeta[];
  stage: TransferStage;
  progress: TransferProgress;
  /** Why it failed or was cancelled. */
  reason?: string;
};

/** True for stages a transfer never leaves. */
export function isFinal(stage: TransferStage): boolean {
  return stage === 'done' || stage === 'refused' || stage === 'cancelled' || stage === 'failed';
}
