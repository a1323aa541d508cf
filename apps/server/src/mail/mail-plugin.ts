import type { RelayPlugin, StoredAppMessage } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import type { MailLimiter } from './mail-limiter.ts';
import type { MailStore } from './mail-store.ts';
import type { MentionMailer } from './mention-mailer.ts';

/** The cmid prefix of control messages (read marks, room secrets): they mention nobody. */
const CONTROL_CMID_PREFIX = 'ctl-';

export type OnMailDecided = (mails: Array<{ to: string; sent: boolean }>) => void;

export type MailPluginOptions = {
  storage: Pick<Storage, 'roster'>;
  /** Absent: no `--smtp`, so no address is kept and nothing is sent. */
  mail?: { store: MailStore; mailer: MentionMailer; limiter: MailLimiter };
  /** Tests: once per message that mentions someone, the addresses chosen and whether each went. */
  onDecided?: OnMailDecided;
};

/**
 * `mail.get`, `mail.set` and the `stored` hook that mails mentioned members. Only a room's
 * members can post (the relay checks), and only members of its roster are mailed, never the
 * sender and never one connected to the room; per address at most one mail per room per
 * window and a few per hour. [P-MAIL1..4]
 */
export function mailHandlers(options: MailPluginOptions): RelayPlugin {
  const { mail, storage } = options;
  return (relay) => {
    relay.on('mail.get', async (peer, req) => {
      const address = mail ? ((await mail.store.get(peer.clientId)) ?? null) : null;
      peer.send({ t: 'mail.is', rid: req.rid, available: mail !== undefined, address });
    });

    relay.on('mail.set', async (peer, req) => {
      if (!mail) {
        peer.error('NOT_ALLOWED', 'this server sends no e-mail', req.rid);
        return;
      }
      if (req.address === null) await mail.store.remove(peer.clientId);
      else await mail.store.set(peer.clientId, req.address);
      peer.send({ t: 'mail.is', rid: req.rid, available: true, address: req.address });
    });

    if (!mail) return;
    relay.addHook('stored', (peer, message) => {
      if (!message.mentions?.length || message.cmid.startsWith(CONTROL_CMID_PREFIX)) return;
      void mailMentions(message, relay.rooms.connected(message.room)).catch((error: unknown) =>
        peer.log.warn({ room: message.room, err: String(error) }, 'mention e-mail failed'),
      );
    });
  };

  async function mailMentions(message: StoredAppMessage, online: readonly string[]) {
    if (!mail) return;
    const live = new Set(online);
    const roster = new Set((await storage.roster(message.room)).map((r) => r.clientId));
    const decided: Array<{ to: string; sent: boolean }> = [];
    for (const id of new Set(message.mentions)) {
      if (id === message.from || !roster.has(id) || live.has(id)) continue;
      const address = await mail.store.get(id);
      if (address !== undefined)
        decided.push({ to: address, sent: mail.limiter.take(address, message.room) });
    }
    options.onDecided?.(decided);
    await Promise.all(decided.filter((d) => d.sent).map((d) => mail.mailer.send(d.to)));
  }
}
