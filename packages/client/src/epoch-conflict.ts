import { ErrorCode, type ErrorEvent, YamError } from '@yam/protocol';

/**
 * EPOCH_CONFLICT from `commit`: another commit took the epoch. `epoch` is the room's
 * current epoch on the server; rebase (process the commits up to it) and commit again. [P-DS1]
 */
export class EpochConflictError extends YamError {
  readonly epoch: number;

  constructor(message: string, epoch: number, rid?: number) {
    super(ErrorCode.EpochConflict, message, rid === undefined ? {} : { rid });
    this.name = 'EpochConflictError';
    this.epoch = epoch;
  }
}

/** The YamError a server `error` frame stands for (an EpochConflictError when it says so). */
export function errorFromFrame(frame: ErrorEvent): YamError {
  if (frame.code === ErrorCode.EpochConflict && frame.epoch !== undefined) {
    return new EpochConflictError(frame.message, frame.epoch, frame.rid);
  }
  return new YamError(frame.code, frame.message, {
    retryAfterMs: frame.retryAfterMs,
    ...(frame.rid === undefined ? {} : { rid: frame.rid }),
  });
}
