import { describe, expect, it } from 'vitest';
import {
  closeCodeOf,
  ERROR_INFO,
  ErrorCode,
  errorCodeOfClose,
  httpStatusOf,
  isFatal,
} from './errors.ts';

describe('ErrorCode catalogue', () => {
  it('[P-ERR1] maps every code to an HTTP status and a valid close code', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_INFO[code]).toBeDefined();
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      const close = closeCodeOf(code);
      // 1000-1015 are standard codes; 4000-4999 are ours. 1005/1006 may never be sent.
      const standard = close >= 1000 && close <= 1015 && close !== 1005 && close !== 1006;
      expect(standard || (close >= 4000 && close <= 4999)).toBe(true);
    }
  });

  it('[P-LIM1] [P-LIM4] uses the close codes the issue names', () => {
    expect(closeCodeOf(ErrorCode.FrameTooLarge)).toBe(1009);
    expect(closeCodeOf(ErrorCode.RateLimited)).toBe(1008);
    expect(isFatal(ErrorCode.RateLimited)).toBe(true);
    expect(isFatal(ErrorCode.BadFrame)).toBe(false);
    expect(httpStatusOf(ErrorCode.ForbiddenOrigin)).toBe(403);
  });

  it('[P-ERR1] gives each membership failure its own close code, never fatal', () => {
    const codes = [
      ErrorCode.JoinTimeout,
      ErrorCode.JoinRefused,
      ErrorCode.InviteInvalid,
      ErrorCode.PasswordWrong,
      ErrorCode.Removed,
    ];
    const closes = new Set(codes.map(closeCodeOf));
    expect(closes.size).toBe(codes.length);
    for (const code of codes) {
      expect(isFatal(code)).toBe(false);
      expect(errorCodeOfClose(closeCodeOf(code))).toBe(code);
    }
    expect(httpStatusOf(ErrorCode.JoinTimeout)).toBe(408);
    expect(httpStatusOf(ErrorCode.Removed)).toBe(410);
  });
});
