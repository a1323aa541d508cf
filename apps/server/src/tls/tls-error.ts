/** Why TLS could not start or renew; `message` is in words with what to do next. */
export type TlsErrorCode = 'ACME_FAILED' | 'TLS_FILES_UNREADABLE' | 'TLS_FILES_MISMATCH';

export class TlsError extends Error {
  readonly code: TlsErrorCode;

  constructor(code: TlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TlsError';
    this.code = code;
  }
}
