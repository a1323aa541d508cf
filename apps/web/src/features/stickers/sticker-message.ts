import type { StickerContent } from '@yam/client';
import type { Sticker } from '@yam/protocol';

/** The message content that sends a library sticker: its hash and shape, never its bytes. */
export function stickerMessage(sticker: Sticker, name: string): StickerContent {
  return {
    type: 'sticker',
    hash: sticker.hash,
    mime: sticker.type,
    label: sticker.name,
    width: sticker.width,
    height: sticker.height,
    animated: sticker.animated,
    name,
    sentAt: Date.now(),
  };
}
