import { type ClientId, MAX_MAIL_MENTIONS, parseClientId } from '@yam/protocol';
import { decodeContent } from '../content.ts';
import type { YamClient } from '../yam-client.ts';

/** What the server keeps for e-mail on mention (`available`: it has an SMTP server). */
export type MailSetting = { available: boolean; address: string | null };

/**
 * E-mail when mentioned: the server mails this address "You were mentioned in a room on
 * <host>" (nothing else) when a member mentions this device. Kept on the server only for
 * that; `set(null)` removes it. [P-MAIL1]
 */
export class RoomMail {
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
  }

  /** What the server keeps for this device; waits to be online. */
  get(): Promise<MailSetting> {
    return this.#client.media.mail({ t: 'mail.get' });
  }

  /** Sets (or with `null` removes) the address; rejects when the server sends no e-mail. */
  set(address: string | null): Promise<MailSetting> {
    return this.#client.media.mail({ t: 'mail.set', address });
  }
}

/**
 * The members a new text mentions, for the `pub` frame (never oneself; edits and other
 * kinds mention nobody anew, so they mail nobody). [P-MAIL2]
 */
export function mentionsOf(body: Uint8Array, self: ClientId): ClientId[] | undefined {
  const content = decodeContent(body);
  if (content?.type !== 'text' || !content.mentions) return undefined;
  const ids = new Set<ClientId>();
  for (const mention of content.mentions) {
    const id = parseClientId(mention);
    if (id && id !== self) ids.add(id);
  }
  return ids.size > 0 ? [...ids].slice(0, MAX_MAIL_MENTIONS) : undefined;
}
