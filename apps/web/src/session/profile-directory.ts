import { effect, signal } from '@preact/signals';
import type { ProfileInfo, YamClient } from '@yam/client';
import { decryptAttachment } from '@yam/crypto';
import { fromBase64Url } from '@yam/protocol';
import { secureOf } from '../secure/secure-registry.ts';
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
  client.on('profile', (info) => void learn(client, info));
  // The SDK resends the record on every subscribe; set it for rooms as they catch up.
  client.on('synced', (e) => void publish(client, [e.room]));
  // Records are sealed per MLS epoch: after a commit, seal again for the new members.
  secureOf(client)?.on('epoch', (e) => {
    void publish(client, [e.room]);
    // Records sealed for this epoch may have arrived before we processed its commit.
    for (const [key, info] of unopened) {
      if (info.room !== e.room) continue;
      unopened.delete(key);
      void learn(client, info);
    }
  });
  effect(() => {
    void myProfile.value;
    void publish(client, client.rooms());
  });
}

/** Profile records this device had no epoch key for yet, by room and client. */
const unopened = new Map<string, ProfileInfo>();

/** Opens another member's sealed profile record and adds it to the directory. */
async function learn(client: YamClient, info: ProfileInfo): Promise<void> {
  if (!info.data) return;
  const opened = await secureOf(client)?.openRecord(info.room, info.data);
  if (!opened) {
    unopened.set(`${info.room}\n${info.clientId}`, info);
    return;
  }
  const profile = decodeProfile(opened);
  if (!profile) return;
  const next = new Map(profiles.value);
  next.set(info.clientId, profile);
  profiles.value = next;
  if (profile.avatar) void loadAvatar(client, profile.avatar);
}

/** Avatar hashes uploaded per client this page life: each server needs its own copy. */
const uploaded = new WeakMap<YamClient, Set<string>>();

async function publish(client: YamClient, rooms: readonly string[]): Promise<void> {
  const bytes = encodeProfile(myProfile.value);
  await uploadOwnAvatar(client);
  const secure = secureOf(client);
  for (const room of rooms) {
    const id = room as Parameters<YamClient['setProfile']>[0];
    // The server keeps the record: it gets only a copy sealed for the room's members.
    // Not a member (yet): nothing to publish; the `epoch` event of joining publishes it.
    const sealed = await secure?.sealRecord(id, bytes).catch(() => undefined);
    if (!sealed) continue;
    // Offline is fine: the SDK sends it on the next subscribe.
    await client.setProfile(id, sealed).catch(() => undefined);
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
