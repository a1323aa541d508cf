import { localSettings } from '../../../platform/local-settings.ts';

const KEY = 'yam.recentEmoji';
const KEEP = 8;

/** The emoji this browser reacted with lately, newest first (kept in local settings). */
export function recentEmoji(): string[] {
  try {
    const list: unknown = JSON.parse(localSettings.read(KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((e): e is string => typeof e === 'string' && e.length <= 32).slice(0, KEEP)
      : [];
  } catch {
    return [];
  }
}

/** Puts an emoji first in the recent row. */
export function rememberEmoji(emoji: string): void {
  const list = [emoji, ...recentEmoji().filter((e) => e !== emoji)].slice(0, KEEP);
  localSettings.write(KEY, JSON.stringify(list));
}
