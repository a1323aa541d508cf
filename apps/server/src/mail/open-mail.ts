import { join } from 'node:path';
import type { Logger } from 'pino';
import type { MailOptions } from '../config.ts';
import { MailLimiter } from './mail-limiter.ts';
import type { MailStore } from './mail-store.ts';
import { MentionMailer } from './mention-mailer.ts';
import { SqliteMailStore } from './sqlite-mail-store.ts';

export type OpenMail = {
  store: MailStore;
  mailer: MentionMailer;
  limiter: MailLimiter;
  close(): void;
};

/**
 * E-mail on mention's parts when `--smtp` is given (addresses in `shared`, the PostgreSQL
 * store, with `--postgres`; else the data folder); undefined (nothing kept) otherwise.
 */
export function openMail(
  options: MailOptions | undefined,
  dataDir: string,
  publicUrl: () => string,
  log: Logger,
  shared?: MailStore,
): OpenMail | undefined {
  if (!options) return undefined;
  const store = shared ?? new SqliteMailStore(join(dataDir, 'mail', 'mail.db'));
  const mailer = new MentionMailer({
    smtpUrl: options.smtpUrl,
    ...(options.from ? { from: options.from } : {}),
    publicUrl,
    log,
  });
  const limiter = new MailLimiter({
    perRoomMs: options.perRoomMs ?? 15 * 60_000,
    perAddressPerHour: options.perAddressPerHour ?? 6,
  });
  return {
    store,
    mailer,
    limiter,
    close() {
      mailer.close();
      store.close();
    },
  };
}
