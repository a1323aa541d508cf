import type { ErrorCode } from '@yam/protocol';

/** Why a preview was not made; `message` is safe to show (it never names an address). */
export class PreviewError extends Error {
  readonly code: Extract<ErrorCode, 'PREVIEW_REFUSED' | 'PREVIEW_FAILED'>;

  constructor(code: PreviewError['code'], message: string) {
    super(message);
    this.name = 'PreviewError';
    this.code = code;
  }
}

export const refused = (message: string) => new PreviewError('PREVIEW_REFUSED', message);
export const failed = (message: string) => new PreviewError('PREVIEW_FAILED', message);
