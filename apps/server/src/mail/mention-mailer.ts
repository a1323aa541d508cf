import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

export type MentionMailerOptions = {
  /** The SMTP server (`--smtp`): `smtp://user:pass@host:587` or `smtps://...:465`. */
  smtpUrl: string;
  /** The From address; default `Yam <noreply@<host>>`. */
  from?: string;
  /** The server's public URL, named in the mail (the host) and linked; read at each mail. */
  publicUrl: () => string;
  log: Logger;
};

/**
 * Sends the one mail of e-mail on mention: "You were mentioned in a room on <host>". It
 * holds no name, room or text: the server has none of them (only ciphertext), and the
 * mail says no more than that there is something to read. [P-MAIL4]
 */
export class MentionMailer {
  readonly #transport: Transporter;
  readonly #from: string | undefined;
  readonly #publicUrl: () => string;
  readonly #log: Logger;

  constructor(options: MentionMailerOptions) {
    this.#transport = createTransport(options.smtpUrl);
    this.#from = options.from;
    this.#publicUrl = options.publicUrl;
    this.#log = options.log;
  }

  /** Sends the mail; a failure is logged (the message itself was stored and acked). */
  async send(to: string): Promise<void> {
    try {
      const url = new URL(this.#publicUrl());
      await this.#transport.sendMail({
        from: this.#from ?? `Yam <noreply@${url.hostname.replace(/^\[|\]$/g, '')}>`,
        to,
        subject: `You were mentioned on ${url.host}`,
        text: [
          `You were mentioned in a room on ${url.host}.`,
          '',
          `Open ${url.origin}/ to read it.`,
          '',
          "You get this e-mail because you asked for it in Yam's Profile.",
          'To stop, open Profile and remove your address there.',
        ].join('\n'),
      });
    } catch (error) {
      // The address stays out of the log: the operator needs the failure, not who.
      this.#log.warn({ err: String(error) }, 'mention e-mail not sent');
    }
  }

  close(): void {
    this.#transport.close();
  }
}
