import { signal } from '@preact/signals';
import { readSetting, writeSetting } from './local-settings.ts';

const KEY = 'yam.displayName';
/** Names travel inside every message, so keep them short. */
export const MAX_NAME_LENGTH = 40;

/** The name shown with this device's messages; empty until the identity is known. */
export const displayName = signal('');

/** A stable default from the client ID, so a new visitor is recognisable before naming. */
export function defaultDisplayName(clientId: string): string {
  return `Guest-${clientId.replace(/[^A-Za-z0-9]/g, '').slice(0, 4)}`;
}

/** Loads the saved name, or the default for this client ID. */
export function loadDisplayName(clientId: string): void {
  displayName.value = readSetting(KEY) || defaultDisplayName(clientId);
}

/** Saves a new name; a blank one falls back to the default. */
export function saveDisplayName(name: string, clientId: string): void {
  const trimmed = name.trim().slice(0, MAX_NAME_LENGTH);
  writeSetting(KEY, trimmed || undefined);
  displayName.value = trimmed || defaultDisplayName(clientId);
}
