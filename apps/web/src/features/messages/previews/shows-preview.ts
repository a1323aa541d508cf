import type { LinkPreview } from '@yam/client';

/**
 * Whether a bubble shows its preview card: only for a link its text still shows, so a card
 * cannot point somewhere the words do not (and an edit that took the link out takes the
 * card away); never on a deleted message.
 */
export function showsPreview(item: {
  text: string;
  preview?: LinkPreview | undefined;
  deleted?: unknown;
}): item is { text: string; preview: LinkPreview } {
  return !!item.preview && !item.deleted && item.text.includes(item.preview.url);
}
