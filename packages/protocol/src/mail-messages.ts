import { z } from 'zod/mini';
import { ClientId, RequestId } from './ids.ts';

// E-mail when mentioned [P-MAIL1..4]. The server keeps one address per client ID, only for
// this, and mails it "You were mentioned in a room on <host>": never a name, room or text.

/** Members one message may ask the server to mail (the content codec's own mention cap). */
export const MAX_MAIL_MENTIONS = 50;
/** Longest address accepted (RFC 5321's path limit). */
export const MAX_MAIL_ADDRESS = 254;

/** The address to mail this client at, or `null` to remove it. [P-MAIL1] */
export const MailSetRequest = z.object({
  t: z.literal('mail.set'),
  rid: RequestId,
  address: z.nullable(z.email().check(z.maxLength(MAX_MAIL_ADDRESS))),
});

/** What the server keeps for this client. [P-MAIL1] */
export const MailGetRequest = z.object({ t: z.literal('mail.get'), rid: RequestId });

/**
 * The answer to both: `available` is false when the server has no SMTP server configured
 * (then it keeps no address and sends nothing). [P-MAIL1]
 */
export const MailIsEvent = z.object({
  t: z.literal('mail.is'),
  rid: RequestId,
  available: z.boolean(),
  address: z.nullable(z.string().check(z.maxLength(MAX_MAIL_ADDRESS))),
});

/** The mentioned members a `pub` may name, outside the ciphertext. [P-MAIL2] */
export const MailMentions = z.array(ClientId).check(z.maxLength(MAX_MAIL_MENTIONS));

export type MailSetRequest = z.infer<typeof MailSetRequest>;
export type MailGetRequest = z.infer<typeof MailGetRequest>;
export type MailIsEvent = z.infer<typeof MailIsEvent>;

export const MAIL_CLIENT_MESSAGES = [MailSetRequest, MailGetRequest] as const;
export const MAIL_SERVER_MESSAGES = [MailIsEvent] as const;
