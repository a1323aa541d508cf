import type { ServerOptions } from '@yam/server';
import { CliError } from '../cli-error.ts';

/** The e-mail flags of `yam serve`: e-mail on mention, for people who ask for it. */
export const MAIL_FLAGS = {
  smtp: { type: 'string' },
  'smtp-from': { type: 'string' },
} as const;

export const MAIL_HELP = `  --smtp URL          e-mail people who ask for it in Profile when they are mentioned, through this
                      SMTP server (env YAM_SMTP_URL; smtp://user:pass@host:587 or smtps://...:465).
                      The mail says only "You were mentioned in a room on <host>". Without it no
                      address is kept and nothing is sent.
  --smtp-from A       the From address of those mails (env YAM_SMTP_FROM; default noreply@<host>)`;

type MailValues = { [K in keyof typeof MAIL_FLAGS]?: string | undefined };

export function mailOptions(
  values: MailValues,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'mail'> {
  const smtpUrl = values.smtp ?? env.YAM_SMTP_URL;
  if (!smtpUrl) return {};
  let scheme: string;
  try {
    scheme = new URL(smtpUrl).protocol;
  } catch {
    throw new CliError(`--smtp needs a URL like smtp://user:pass@mail.example.org:587`, 2);
  }
  if (scheme !== 'smtp:' && scheme !== 'smtps:') {
    throw new CliError(`--smtp takes an smtp:// or smtps:// URL, not ${scheme}//`, 2);
  }
  const from = values['smtp-from'] ?? env.YAM_SMTP_FROM;
  return { mail: { smtpUrl, ...(from ? { from } : {}) } };
}
