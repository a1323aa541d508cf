import {
  decodeContent,
  type ImageContent,
  type LinkPreview,
  type OpenProblem,
  type ReplyTo,
  type StickerContent,
  type VoiceContent,
} from '@yam/client';
import { defaultDisplayName } from '../../session/display-name.ts';
import type { MembershipLine } from '../../session/room-ports.ts';

/** One bubble's worth of data, whatever its source (store, live, history, outbox). */
export type TimelineItem = {
  /** `<clientId>:<cmid>`: stable from queued to stored, unique per room. */
  key: string;
  /** The sender's message ID (replies and reactions point at it). */
  cmid: string;
  seq: number | undefined;
  from: string;
  own: boolean;
  name: string;
  text: string;
  /** Server time once stored, the sender's clock before that. */
  ts: number;
  /** pending: in the outbox; sent: stored by the server; received: from someone else. */
  status: 'pending' | 'sent' | 'received';
  /** The payload did not decode as content we understand. */
  unreadable?: boolean;
  /** Why it is unreadable (the timeline collapses a run of them into one notice). */
  problem?: OpenProblem;
  /** Client ID of the member who forwarded it (history from before this device joined). */
  sharedBy?: string;
  /** An image message: `text` is its caption. */
  image?: ImageContent;
  /** A sticker message (shown large, without a bubble). */
  sticker?: StickerContent;
  /** A voice message. */
  voice?: VoiceContent;
  /** The message this one answers, as its sender quoted it. */
  replyTo?: ReplyTo;
  /** Not shown as a bubble: a reaction to the message `to` (cmid), or taking one back. */
  reaction?: { emoji: string; to: string; remove: boolean };
  /** Reactions to this message, tallied over the loaded timeline (who, in order). */
  reactions?: readonly ReactionTally[];
  /** The thread this message belongs to (its root's cmid): shown in the thread, not the main list. */
  thread?: string;
  /** Client IDs the text mentions (`@Name`). */
  mentions?: readonly string[];
  /** The sender's preview of a link in the text (inside the encryption; nothing is fetched). */
  preview?: LinkPreview;
  /** Not shown as a bubble: a new text for the sender's own message `to` (cmid). */
  edit?: { to: string; text: string; mentions?: readonly string[] };
  /** Not shown as a bubble: takes back the message `to` (cmid) by `author`. */
  deletion?: { to: string; author: string };
  /** Folded in from an edit: the text shown is not the one first sent. */
  edited?: boolean;
  /** Folded in from a delete: a tombstone. `by` deleted it (the author, or a moderator). */
  deleted?: { by: string; name: string };
  /** Replies in this message's thread (when it is a thread's root). */
  replies?: number;
  /** Not a message: a centred line saying who joined, left or was removed. */
  membership?: MembershipLine;
};

/** One emoji under a message and the people who chose it (client IDs and sent names). */
export type ReactionTally = { emoji: string; by: readonly { from: string; name: string }[] };

export function itemKey(from: string, cmid: string): string {
  return `${from}:${cmid}`;
}

/** A membership change as a timeline item, at its commit's place (seq) in the room. */
export function membershipItem(line: MembershipLine, me: string): TimelineItem {
  return {
    key: `membership:${line.seq}`,
    cmid: '',
    seq: line.seq,
    from: line.by,
    own: line.by === me,
    name: '',
    text: '',
    ts: line.ts,
    status: 'received',
    membership: line,
  };
}

/** An opened message (or own plaintext): `body` is the decrypted content, absent when unreadable. */
type Source = {
  from: string;
  cmid: string;
  body?: Uint8Array | undefined;
  problem?: OpenProblem | undefined;
  seq?: number | undefined;
  ts?: number | undefined;
};

const PROBLEM_TEXT: Record<OpenProblem, string> = {
  'before-join': 'Sent before you joined: this device has no keys for it.',
  'not-member': 'Sent after you left the room: this device cannot read it.',
  erased: 'Message deleted',
  unreadable: 'This message could not be read.',
};

/** Builds a timeline item from a message's content; unreadable ones stay visible. */
export function toTimelineItem(source: Source, me: string, pending = false): TimelineItem {
  const own = source.from === me;
  const base = {
    key: itemKey(source.from, source.cmid),
    cmid: source.cmid,
    seq: source.seq,
    from: source.from,
    own,
    status: pending ? ('pending' as const) : own ? ('sent' as const) : ('received' as const),
  };
  const content = source.body ? decodeContent(source.body) : undefined;
  if (content?.type === 'text') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: content.text,
      ts: source.ts ?? content.sentAt,
      ...(content.replyTo ? { replyTo: content.replyTo } : {}),
      ...(content.thread ? { thread: content.thread } : {}),
      ...(content.mentions?.length ? { mentions: content.mentions } : {}),
      ...(content.preview ? { preview: content.preview } : {}),
    };
  }
  if (content?.type === 'edit') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: '',
      ts: source.ts ?? content.sentAt,
      edit: {
        to: content.to,
        text: content.text,
        ...(content.mentions?.length ? { mentions: content.mentions } : {}),
      },
    };
  }
  if (content?.type === 'delete') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: '',
      ts: source.ts ?? content.sentAt,
      deletion: { to: content.to, author: content.author },
    };
  }
  if (content?.type === 'reaction') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: '',
      ts: source.ts ?? content.sentAt,
      reaction: { emoji: content.reaction, to: content.to, remove: !!content.remove },
    };
  }
  if (content?.type === 'image') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: content.caption ?? '',
      ts: source.ts ?? content.sentAt,
      image: content,
    };
  }
  if (content?.type === 'sticker' || content?.type === 'voice') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: '',
      ts: source.ts ?? content.sentAt,
      ...(content.type === 'sticker' ? { sticker: content } : { voice: content }),
    };
  }
  // Show that something arrived rather than hiding it.
  return {
    ...base,
    name: defaultDisplayName(source.from),
    text: PROBLEM_TEXT[source.problem ?? 'unreadable'],
    ts: source.ts ?? Date.now(),
    unreadable: true,
    problem: source.problem ?? 'unreadable',
  };
}
