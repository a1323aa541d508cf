import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.ts';
import { SERVE_HELP } from '../src/commands/serve.ts';
import { mailOptions } from '../src/commands/serve-mail.ts';

describe('yam serve --smtp', () => {
  it('is off without --smtp: no mail options at all', () => {
    expect(mailOptions({}, {})).toEqual({});
  });

  it('takes the flag or YAM_SMTP_URL, and the From address', () => {
    expect(mailOptions({ smtp: 'smtp://u:p@mail.example.org:587' }, {})).toEqual({
      mail: { smtpUrl: 'smtp://u:p@mail.example.org:587' },
    });
    expect(
      mailOptions({}, { YAM_SMTP_URL: 'smtps://mail.example.org', YAM_SMTP_FROM: 'yam@x.org' }),
    ).toEqual({ mail: { smtpUrl: 'smtps://mail.example.org', from: 'yam@x.org' } });
  });

  it('refuses what is not an smtp(s) URL, saying what to give', () => {
    expect(() => mailOptions({ smtp: 'http://mail.example.org' }, {})).toThrow(CliError);
    expect(() => mailOptions({ smtp: 'mail.example.org' }, {})).toThrow(/smtp:\/\/user:pass@/);
  });

  it('is in the help', () => {
    expect(SERVE_HELP).toContain('--smtp URL');
    expect(SERVE_HELP).toContain('--smtp-from A');
  });
});
