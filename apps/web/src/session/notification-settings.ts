import { type Signal, signal } from '@preact/signals';
import {
  type NotificationPermissionState,
  notificationPermission,
} from '../platform/browser-notifications.ts';
import type { Settings } from './own-profile.ts';

/** "Notify me" of one room: every message, only mentions of this person (and DMs), or nothing. */
export type NotifyLevel = 'all' | 'mentions' | 'nothing';

export const NOTIFY_LEVELS: readonly { value: NotifyLevel; label: string }[] = [
  { value: 'all', label: 'All messages' },
  { value: 'mentions', label: 'Mentions only' },
  { value: 'nothing', label: 'Nothing' },
];

const SOUND_KEY = 'yam.sound';
const HIDE_KEY = 'yam.hideNotificationContent';
const LEVEL_PREFIX = 'yam.notify:';

/**
 * How this device alerts its person: the sound (on unless turned off), whether
 * notifications hide message text, and each room's "Notify me" level (default: all).
 */
export class NotificationSettings {
  readonly sound: Signal<boolean>;
  readonly hideContent: Signal<boolean>;
  /** Levels by room key; rooms absent from it notify of all messages. */
  readonly levels: Signal<ReadonlyMap<string, NotifyLevel>>;
  /** The browser's answer to "Turn on notifications" (set again after asking). */
  readonly permission = signal<NotificationPermissionState>(notificationPermission());
  readonly #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.sound = signal(settings.read(SOUND_KEY) !== 'off');
    this.hideContent = signal(settings.read(HIDE_KEY) === 'on');
    this.levels = signal(new Map());
  }

  levelOf(roomKey: string): NotifyLevel {
    const known = this.levels.value.get(roomKey);
    if (known) return known;
    const stored = this.#settings.read(LEVEL_PREFIX + roomKey);
    return stored === 'mentions' || stored === 'nothing' ? stored : 'all';
  }

  setLevel(roomKey: string, level: NotifyLevel): void {
    this.#settings.write(LEVEL_PREFIX + roomKey, level === 'all' ? undefined : level);
    this.levels.value = new Map([...this.levels.value, [roomKey, level]]);
  }

  setSound(on: boolean): void {
    this.#settings.write(SOUND_KEY, on ? undefined : 'off');
    this.sound.value = on;
  }

  setHideContent(on: boolean): void {
    this.#settings.write(HIDE_KEY, on ? 'on' : undefined);
    this.hideContent.value = on;
  }
}
