import { MAX_EXCERPT_LENGTH, type ReplyTo } from '@yam/client';
import type { TimelineItem } from './timeline-item.ts';

/** Quoted text is cut to this (a line or two in the bubble). */
const EXCERPT_CHARS = 140;

/** The start of a message's text on one line, cut at a word with "…" when long. */
export function excerptOf(text: string, image: boolean | string = false): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return typeof image === 'string' ? image : image ? 'Photo' : '';
  const max = Math.min(EXCERPT_CHARS, MAX_EXCERPT_LENGTH);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The `replyTo` a reply to this message carries inside its encrypted content. */
export function replyToOf(item: TimelineItem, plainText: string): ReplyTo {
  return { cmid: item.cmid, author: item.from, excerpt: excerptOf(plainText, mediaWord(item)) };
}

/**
 * What a reply's quote shows. The excerpt is the replier's word (inside their signed
 * message), so when the quoted message is loaded its own text wins: nobody can put words
 * in someone else's mouth through a quote of a message the reader can see. `original` is
 * looked up by `<author>:<cmid>`, so a match is that author's message.
 */
export function quoteText(replyTo: ReplyTo, original: TimelineItem | undefined): string {
  // A deleted original takes its words out of the quotes of it too.
  if (original?.deleted && original.key === `${replyTo.author}:${replyTo.cmid}`) {
    return 'Message deleted';
  }
  if (!original || original.unreadable || original.key !== `${replyTo.author}:${replyTo.cmid}`) {
    return replyTo.excerpt;
  }
  return excerptOf(original.text, mediaWord(original));
}

/** What a quote of a message without text says: "Photo", "Sticker: cat", "Voice message". */
function mediaWord(item: TimelineItem): string | boolean {
  if (item.sticker) return `Sticker: ${item.sticker.label}`;
  if (item.voice) return 'Voice message';
  return !!item.image;
}
