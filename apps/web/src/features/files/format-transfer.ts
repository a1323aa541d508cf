import type { TransferInfo, TransferStage } from '@yam/client';

/** Bytes as people read them: 1.5 MB, 200 MB, 12 KB. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = -1;
  do {
    value /= 1000;
    unit++;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds left as "7 s", "3 min", "2 h". */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return 'estimating time left';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min left`;
  return `${Math.ceil(seconds / 3600)} h left`;
}

const STAGE_TEXT: Record<TransferStage, string> = {
  signalling: 'Waiting for the server...',
  connecting: 'Opening the channel...',
  waiting: 'Waiting for the receiver...',
  deciding: 'Wants to send you files',
  transferring: 'Transferring',
  interrupted: 'Connection lost, resuming...',
  verifying: 'Checking...',
  done: 'Done',
  refused: 'Refused',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** The line under a transfer's title. */
export function stageText(info: TransferInfo): string {
  const base = STAGE_TEXT[info.stage];
  if (info.stage === 'deciding' && info.direction === 'send') return STAGE_TEXT.waiting;
  if ((info.stage === 'failed' || info.stage === 'cancelled') && info.reason) {
    return `${base}: ${info.reason}`;
  }
  return base;
}

/** "12 MB of 200 MB · 25 MB/s · 7 s left" */
export function progressText(info: TransferInfo): string {
  const p = info.progress;
  return `${formatBytes(p.bytes)} of ${formatBytes(p.total)} · ${formatBytes(Math.round(p.bytesPerSec))}/s · ${formatEta(p.etaSec)}`;
}
