import { computed, signal } from '@preact/signals';
import { displayName } from '../settings/display-name.ts';
import { readSetting, writeSetting } from '../settings/local-settings.ts';
import { isHexColour } from './contrast.ts';
import type { AvatarRef, ProfileRecord } from './profile-record.ts';

const COLOUR_KEY = 'yam.bubbleColour';
const AVATAR_KEY = 'yam.avatar';

/** This device's avatar: the reference others get, and the plaintext image for showing it here. */
export type OwnAvatar = {
  ref: AvatarRef;
  dataUrl: string;
  /** base64url ciphertext, kept to upload the same blob to each server (and refresh its expiry). */
  ciphertext: string;
};

/** This device's bubble colour; undefined: the app's default. */
export const myColour = signal<string | undefined>(loadColour());
export const myAvatar = signal<OwnAvatar | undefined>(loadAvatar());

/** The record sent to every room: name, colour, avatar metadata. */
export const myProfile = computed<ProfileRecord>(() => {
  const profile: ProfileRecord = { name: displayName.value };
  if (myColour.value) profile.colour = myColour.value;
  if (myAvatar.value) profile.avatar = myAvatar.value.ref;
  return profile;
});

export function saveColour(colour: string | undefined): void {
  writeSetting(COLOUR_KEY, colour);
  myColour.value = colour;
}

export function saveAvatar(avatar: OwnAvatar | undefined): void {
  writeSetting(AVATAR_KEY, avatar ? JSON.stringify(avatar) : undefined);
  myAvatar.value = avatar;
}

function loadColour(): string | undefined {
  const value = readSetting(COLOUR_KEY);
  return value && isHexColour(value) ? value : undefined;
}

function loadAvatar(): OwnAvatar | undefined {
  try {
    const value = JSON.parse(readSetting(AVATAR_KEY) ?? 'null') as OwnAvatar | null;
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
