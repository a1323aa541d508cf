import { effect, signal } from '@preact/signals';
import type { YamClient } from '@yam/client';
import { decryptAttachment } from '@yam/crypto';
import { fromBase64Url } from '@yam/protocol';
import { myAvatar, myProfile } from './my-profile.ts';
import {
  type AvatarRef,
  avatarKeys,
  decodeProfile,
  encodeProfile,
  type ProfileRecord,
} from './profile-record.ts';

/** Other people's latest profiles by client ID, from every room and server. */
export const profiles = signal<ReadonlyMap<string, ProfileRecord>>(new Map());
/** Decrypted avatar images by ciphertext hash, as object URLs. */
export const avatarImages = signal<ReadonlyMap<string, string>>(new Map());

const attached = new WeakSet<YamClient>();
const fetching = new Set<string>();

/**
 * Connects a client to the profile directory: learns others' profiles from its `profile`
 * events, and publishes this device's profile to each room once it is caught up and
 * whenever the profile changes. Idempotent per client.
 */
export function attachProfiles(client: YamClient): void {
  if (attached.has(client)) return;
  attached.add(client);
  client.on('profile', (info) => {
    if (!info.data) return;
    const profile = decodeProfile(info.data);
    if (!profile) return;
    const next = new Map(profiles.value);
    next.set(info.clientId, profile);
    profiles.value = next;
    if (profile.avatar) void loadAvatar(client, profile.avatar);
  });
  // The SDK resends the record on every subscribe; set it for rooms as they catch up.
  client.on('synced', (e) => void publish(client, [e.room]));
  effect(() => {
    void myProfile.value;
    void publish(client, client.rooms());
  });
}

/** Avatar hashes uploaded per client this page life: each server needs its own copy. */
const uploaded = new WeakMap<YamClient, Set<string>>();

async function publish(client: YamClient, rooms: readonly string[]): Promise<void> {
  const bytes = encodeProfile(myProfile.value);
  await uploadOwnAvatar(client);
  for (const room of rooms) {
    // Offline is fine: the SDK sends it on the next subscribe.
    await client
      .setProfile(room as Parameters<YamClient['setProfile']>[0], bytes)
      .catch(() => undefined);
  }
}

/**
 * Puts this device's encrypted avatar on the client's server before the profile points to
 * it: rooms on other servers then find it too, and re-uploading (content-addressed, free)
 * keeps it from expiring while this device keeps using it.
 */
async function uploadOwnAvatar(client: YamClient): Promise<void> {
  const avatar = myAvatar.value;
  if (!avatar) return;
  let done = uploaded.get(client);
  if (!done) {
    done = new Set();
    uploaded.set(client, done);
  }
  if (done.has(avatar.ref.hash)) return;
  try {
    await client.uploadBlob(fromBase64Url(avatar.ciphertext));
    done.add(avatar.ref.hash);
  } catch {
    // Not connected yet, or refused: the next publish tries again.
  }
}

/** Downloads, checks and decrypts an avatar once; initials show until it is here. */
export async function loadAvatar(client: YamClient, ref: AvatarRef): Promise<void> {
  if (avatarImages.value.has(ref.hash) || fetching.has(ref.hash)) return;
  fetching.add(ref.hash);
  try {
    const ciphertext = await client.downloadBlob(ref.hash);
    const plain = await decryptAttachment(ciphertext, avatarKeys(ref));
    const url = URL.createObjectURL(new Blob([plain.slice().buffer], { type: ref.type }));
    const next = new Map(avatarImages.value);
    next.set(ref.hash, url);
    avatarImages.value = next;
  } catch {
    // Missing or tampered: keep the initials; a later profile update may try again.
  } finally {
    fetching.delete(ref.hash);
  }
}

let current: { client: YamClient; room: string } | undefined;

/** The open room, whose message authors `meetAuthor` looks up. */
export function setCurrentRoom(client: YamClient, room: string): () => void {
  const mine = { client, room };
  current = mine;
  return () => {
    if (current === mine) current = undefined;
  };
}

/** An author shown in the open room: its profile is fetched once per session if unknown. */
export function meetAuthor(clientId: string): void {
  if (!current) return;
  current.client.meet(
    current.room as Parameters<YamClient['meet']>[0],
    clientId as Parameters<YamClient['meet']>[1],
  );
}
