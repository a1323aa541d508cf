import { localSettings } from '../../platform/local-settings.ts';

const KEY = 'yam.recentStickers';
const KEEP = 16;
const HASH = /^[A-Za-z0-9_-]{43}$/;

/** Hashes of the stickers this browser sent lately, newest first (kept in local settings). */
export function recentStickerHashes(): string[] {
  try {
    const list: unknown = JSON.parse(localSettings.read(KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((h): h is string => typeof h === 'string' && HASH.test(h)).slice(0, KEEP)
      : [];
  } catch {
    return [];
  }
}

/** Puts a sticker first in "Recently used". */
export function rememberSticker(hash: string): void {
  const list = [hash, ...recentStickerHashes().filter((h) => h !== hash)].slice(0, KEEP);
  localSettings.write(KEY, JSON.stringify(list));
}
