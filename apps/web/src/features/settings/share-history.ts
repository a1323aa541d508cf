import { signal } from '@preact/signals';
import { readSetting, writeSetting } from './local-settings.ts';

const KEY = 'yam.shareHistory';

/** "Share my history with members who ask": on unless turned off on this device. */
export const shareHistory = signal(readSetting(KEY) !== '0');

/** Saves the sharing choice locally; read again at each history request. */
export function saveShareHistory(on: boolean): void {
  writeSetting(KEY, on ? undefined : '0');
  shareHistory.value = on;
}
