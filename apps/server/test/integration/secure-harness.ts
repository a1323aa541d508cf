import { MemorySecretStore } from '@yam/client';
import { SecureRooms } from '@yam/client/transport';
import { deserializeRoomGroup, groupPartRefs, type RoomGroup } from '@yam/crypto';
import type { ClientId } from '@yam/protocol';
import { sdkClient, type TestSdkClient } from './sdk-harness.ts';

/** A connected SDK client with its MLS layer, as the secure-room integration tests use it. */
export type SecureMember = {
  sdk: TestSdkClient;
  secure: SecureRooms;
  secrets: MemorySecretStore;
  id: ClientId;
};

const open = new Set<SecureMember>();

export type SecureMemberOptions = {
  secrets?: MemorySecretStore;
  sdk?: TestSdkClient;
  keyPackageTarget?: number;
  /** Attaches listeners before the layer starts, so nothing it emits is missed. */
  listen?: (secure: SecureRooms) => void;
};

/** Starts a member on `url`; closeSecureMembers() closes every one still open. */
export async function secureMember(
  url: string,
  options: SecureMemberOptions = {},
): Promise<SecureMember> {
  const sdk = options.sdk ?? sdkClient(url);
  const secrets = options.secrets ?? new MemorySecretStore();
  const secure = new SecureRooms({
    client: sdk.client,
    identity: sdk.identity,
    store: secrets,
    keyPackageTarget: options.keyPackageTarget ?? 3,
  });
  options.listen?.(secure);
  await secure.start();
  sdk.client.connect();
  const member = { sdk, secure, secrets, id: sdk.client.clientId };
  open.add(member);
  return member;
}

/** Takes a member offline (its stores kept, so it can come back with the same state). */
export async function closeSecureMember(member: SecureMember): Promise<void> {
  open.delete(member);
  await member.secure.close();
  await member.sdk.client.close();
}

/** For afterEach: closes every member still open. */
export async function closeSecureMembers(): Promise<void> {
  const members = [...open];
  open.clear();
  for (const { secure } of members) await secure.close();
  await Promise.all(members.map(({ sdk }) => sdk.client.close()));
}

/**
 * The room's group as the member's SecretStore holds it now (the core and the parts it
 * names): what an adversary that copied the device's storage would have.
 */
export async function storedGroup(secrets: MemorySecretStore, room: string): Promise<RoomGroup> {
  const bytes = await secrets.get('group', room);
  if (!bytes) throw new Error(`no stored group for ${room}`);
  const refs = groupPartRefs(bytes);
  if (!refs) return deserializeRoomGroup(bytes);
  return deserializeRoomGroup(bytes, {
    tree: await secrets.get('groupPart', `${room}\n${refs.tree}`),
    history: await secrets.get('groupPart', `${room}\n${refs.history}`),
  });
}
