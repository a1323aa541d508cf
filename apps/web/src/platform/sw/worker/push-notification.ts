import { decodeContent, GroupVault } from '@yam/client';
import { decryptAndOpen, envelopeAuthor } from '@yam/crypto';
import {
  buildRoomUrl,
  fromBase64Url,
  isDmRoom,
  type MessagePush,
  type PushPayload,
  type RoomId,
} from '@yam/protocol';
import { loadNotifyPrefs, type NotifyPrefs } from '../../idb/idb-notify-prefs.ts';
import { IdbRoomList } from '../../idb/idb-room-list.ts';
import { IdbSecretStore } from '../../idb/idb-secret-store.ts';

/** What a push becomes: a notification, or nothing (room muted, not mentioned, unknown room). */
export type PushNotice = {
  title: string;
  body: string;
  tag: string;
  /** What a click opens: the room on its server. */
  data: { server: string; room: string; url: string };
};

type ListedRoom = { key: string; server: string; room: string; name: string };

/**
 * Words a push: finds the room in the room list and opens the message with a COPY of the
 * device's MLS group state (read from IndexedDB, never written back: only the app advances
 * MLS state), checking the author's content signature. Without the ciphertext, with content
 * hidden, or when it cannot be opened: "New message in <room>".
 */
export async function noticeFor(
  push: PushPayload,
  origin: string,
): Promise<PushNotice | undefined> {
  const rooms = new IdbRoomList<ListedRoom>();
  const entry = (await rooms.list().finally(() => rooms.close())).find(
    (e) => e.room === push.room && sameOrigin(e.server, origin),
  );
  if (!entry) return undefined;
  const prefs: NotifyPrefs = (await loadNotifyPrefs().catch(() => undefined)) ?? {
    hideContent: false,
    levels: {},
    name: '',
  };
  const level = prefs.levels[entry.key] ?? 'all';
  if (level === 'nothing') return undefined;
  const data = {
    server: entry.server,
    room: entry.room,
    url: `./?room=${encodeURIComponent(buildRoomUrl(entry.server, entry.room as RoomId))}`,
  };
  if (push.k === 'join') {
    const body = `Someone asks to join ${entry.name}`;
    return { title: entry.name, body, tag: `join ${entry.key}`, data };
  }
  const opened = push.c ? await openCopy(origin, push) : undefined;
  // An edit, a delete or a reaction taken back: nothing to announce.
  if (opened === 'quiet') return undefined;
  if (level === 'mentions' && !isDmRoom(entry.room)) {
    // Unreadable here, it might be a mention: say only that something arrived.
    if (opened?.text !== undefined && !mentioned(opened.text, prefs.name)) return undefined;
  }
  const tag = entry.key;
  if (!opened || opened.text === undefined || prefs.hideContent) {
    return { title: entry.name, body: `New message in ${entry.name}`, tag, data };
  }
  const author = opened.name ?? 'Someone';
  const text = opened.text.length > 200 ? `${opened.text.slice(0, 199)}…` : opened.text;
  return { title: `${author} in ${entry.name}`, body: text, tag, data };
}

async function openCopy(
  origin: string,
  push: MessagePush,
): Promise<{ text: string | undefined; name: string | undefined } | 'quiet' | undefined> {
  const secrets = new IdbSecretStore(origin);
  try {
    // A fresh object from the stored core and parts (no cache, never saved): whatever
    // decryption advances stays in this copy.
    const copy = await new GroupVault(secrets, false).get(push.room);
    if (!copy) return undefined;
    const { envelope } = await decryptAndOpen(copy, push.room, fromBase64Url(push.c!));
    if (envelope.messageId !== push.cmid || envelopeAuthor(envelope) !== push.from)
      return undefined;
    const content = decodeContent(envelope.body);
    if (!content) return undefined;
    if (content.type === 'reaction' && content.remove) return 'quiet';
    const text = noticeText(content);
    if (text === undefined) return 'quiet';
    return { text, name: content.name };
  } catch {
    return undefined;
  } finally {
    await secrets.close();
  }
}

function mentioned(text: string, name: string): boolean {
  const trimmed = name.trim().toLowerCase();
  return trimmed !== '' && text.toLowerCase().includes(`@${trimmed}`);
}

function sameOrigin(server: string, origin: string): boolean {
  try {
    return new URL(server).origin === origin;
  } catch {
    return false;
  }
}

/** What a notification says for each kind of message (the text itself for a text). */
function noticeText(content: NonNullable<ReturnType<typeof decodeContent>>): string | undefined {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'reaction':
      return `Reacted ${content.reaction}`;
    case 'image':
      return 'Sent an image';
    case 'sticker':
      return `Sent a sticker: ${content.label}`;
    case 'voice':
      return 'Sent a voice message';
    case 'edit':
    case 'delete':
      return undefined;
  }
}
