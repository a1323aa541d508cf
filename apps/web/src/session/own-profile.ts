import { computed, type Signal, signal } from '@preact/signals';
import { isHexColour } from '../ui/contrast.ts';
import { defaultDisplayName, MAX_NAME_LENGTH } from './display-name.ts';
import type { AvatarRef, ProfileRecord } from './profile-record.ts';

const NAME_KEY = 'yam.displayName';
const COLOUR_KEY = 'yam.bubbleColour';
const AVATAR_KEY = 'yam.avatar';
const SHARE_KEY = 'yam.shareHistory';
const RECEIPTS_KEY = 'yam.readReceipts';
const PREVIEWS_KEY = 'yam.linkPreviews';

/** Small values kept on this device (localStorage in the browser); never throws. */
export type Settings = {
  read(key: string): string | undefined;
  write(key: string, value: string | undefined): void;
};

/** This device's avatar: the reference others get, and the plaintext image for showing it here. */
export type OwnAvatar = {
  ref: AvatarRef;
  dataUrl: string;
  /** base64url ciphertext, kept to upload the same blob to each server (and refresh its expiry). */
  ciphertext: string;
};

/** This user's name, bubble colour, avatar and sharing choice, saved on this device. */
export class OwnProfile {
  /** The name shown with this device's messages. */
  readonly displayName: Signal<string>;
  /** This device's bubble colour; undefined: the app's default. */
  readonly colour: Signal<string | undefined>;
  readonly avatar: Signal<OwnAvatar | undefined>;
  /** Whether this person chose a name (the first-run prompt asks until they do). */
  readonly named: Signal<boolean>;
  /** "Share my history with members who ask": on unless turned off on this device. */
  readonly shareHistory: Signal<boolean>;
  /** "Send read receipts": on unless turned off; off, none are sent and none shown. */
  readonly readReceipts: Signal<boolean>;
  /** "Link previews": off unless turned on; on, the server fetches pasted links (and sees them). */
  readonly linkPreviews: Signal<boolean>;
  /** The record sent to every room: name, colour, avatar metadata. */
  readonly record = computed<ProfileRecord>(() => {
    const profile: ProfileRecord = { name: this.displayName.value };
    if (this.colour.value) profile.colour = this.colour.value;
    if (this.avatar.value) profile.avatar = this.avatar.value.ref;
    return profile;
  });
  readonly #clientId: string;
  readonly #settings: Settings;

  constructor(clientId: string, settings: Settings) {
    this.#clientId = clientId;
    this.#settings = settings;
    const saved = settings.read(NAME_KEY);
    this.displayName = signal(saved || defaultDisplayName(clientId));
    this.named = signal(!!saved);
    const colour = settings.read(COLOUR_KEY);
    this.colour = signal(colour && isHexColour(colour) ? colour : undefined);
    this.avatar = signal(parseAvatar(settings.read(AVATAR_KEY)));
    this.shareHistory = signal(settings.read(SHARE_KEY) !== '0');
    this.readReceipts = signal(settings.read(RECEIPTS_KEY) !== '0');
    this.linkPreviews = signal(settings.read(PREVIEWS_KEY) === '1');
  }

  /** Saves a new name; a blank one falls back to the default. */
  saveDisplayName(name: string): void {
    const trimmed = name.trim().slice(0, MAX_NAME_LENGTH);
    this.#settings.write(NAME_KEY, trimmed || undefined);
    this.displayName.value = trimmed || defaultDisplayName(this.#clientId);
    this.named.value = !!trimmed;
  }

  saveColour(colour: string | undefined): void {
    this.#settings.write(COLOUR_KEY, colour);
    this.colour.value = colour;
  }

  saveAvatar(avatar: OwnAvatar | undefined): void {
    this.#settings.write(AVATAR_KEY, avatar ? JSON.stringify(avatar) : undefined);
    this.avatar.value = avatar;
  }

  /** Saves the sharing choice locally; read again at each history request. */
  saveShareHistory(on: boolean): void {
    this.#settings.write(SHARE_KEY, on ? undefined : '0');
    this.shareHistory.value = on;
  }

  /** Saves the read-receipts choice on this device. */
  saveReadReceipts(on: boolean): void {
    this.#settings.write(RECEIPTS_KEY, on ? undefined : '0');
    this.readReceipts.value = on;
  }

  /** Saves the link-previews choice on this device. */
  saveLinkPreviews(on: boolean): void {
    this.#settings.write(PREVIEWS_KEY, on ? '1' : undefined);
    this.linkPreviews.value = on;
  }
}

function parseAvatar(text: string | undefined): OwnAvatar | undefined {
  try {
    const value = JSON.parse(text ?? 'null') as OwnAvatar | null;
    return value?.ref &&
      typeof value.dataUrl === 'string' &&
      typeof value.ciphertext === 'string' &&
      value.dataUrl.startsWith('data:image/')
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
