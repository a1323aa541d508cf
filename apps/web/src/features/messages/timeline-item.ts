import { decodeContent } from '@yam/client';
import { defaultDisplayName } from '../settings/display-name.ts';

/** One bubble's worth of data, whatever its source (store, live, history, outbox). */
export type TimelineItem = {
  /** `<clientId>:<cmid>`: stable from queued to stored, unique per room. */
  key: string;
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
};

export function itemKey(from: string, cmid: string): string {
  return `${from}:${cmid}`;
}

type Source = { from: string; cmid: string; payload: Uint8Array; seq?: number; ts?: number };

/** Builds a timeline item from a message's payload; undecodable payloads stay visible. */
export function toTimelineItem(source: Source, me: string, pending = false): TimelineItem {
  const own = source.from === me;
  const base = {
    key: itemKey(source.from, source.cmid),
    seq: source.seq,
    from: source.from,
    own,
    status: pending ? ('pending' as const) : own ? ('sent' as const) : ('received' as const),
  };
  const content = decodeContent(source.payload);
  if (content?.type === 'text') {
    return {
      ...base,
      name: content.name?.trim() || defaultDisplayName(source.from),
      text: content.text,
      ts: source.ts ?? content.sentAt,
    };
  }
  // Show that something arrived rather than hiding it.
  return {
    ...base,
    name: defaultDisplayName(source.from),
    text: 'This message could not be read.',
    ts: source.ts ?? Date.now(),
    unreadable: true,
  };
}
