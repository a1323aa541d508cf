import {
  addMembers,
  createIdentity,
  createKeyPackage,
  createRoomGroup,
  encryptMessage,
} from '@yam/crypto';
import { describe, expect, it } from 'vitest';
import { GroupVault } from './group-vault.ts';
import { MemorySecretStore, type SecretKind } from './secret-store.ts';

/** A MemorySecretStore that counts writes per kind. */
class CountingStore extends MemorySecretStore {
  readonly puts: SecretKind[] = [];
  override async put(kind: SecretKind, key: string, value: Uint8Array): Promise<void> {
    this.puts.push(kind);
    return super.put(kind, key, value);
  }
}

const room = 'vault-room';

describe('GroupVault', () => {
  it('writes the parts (tree, history) only when a commit changed them, and loads them back', async () => {
    const store = new CountingStore();
    const vault = new GroupVault(store, true);
    const me = createIdentity();
    let group = await createRoomGroup(me, room);
    await vault.save(room, group);
    expect(store.puts.filter((k) => k === 'groupPart')).toHaveLength(2);

    store.puts.length = 0;
    for (let i = 0; i < 3; i++) {
      group = (await encryptMessage(group, new TextEncoder().encode(`m${i}`))).group;
      await vault.save(room, group);
    }
    expect(store.puts).toEqual(['group', 'group', 'group']);

    const pending = await createKeyPackage(createIdentity());
    group = (await addMembers(group, [pending.keyPackage])).group;
    await vault.save(room, group);
    expect(store.puts.filter((k) => k === 'groupPart')).toHaveLength(2);
    // Only the parts the core names are kept.
    expect(await store.list('groupPart', `${room}\n`)).toHaveLength(2);

    const fresh = new GroupVault(store, false);
    const loaded = await fresh.get(room);
    expect(loaded?.state.groupContext.epoch).toBe(group.state.groupContext.epoch);
    expect(loaded?.state.ratchetTree.length).toBe(group.state.ratchetTree.length);
    // A vault that loaded the parts does not rewrite them for the next message.
    store.puts.length = 0;
    await fresh.save(room, (await encryptMessage(loaded!, new TextEncoder().encode('x'))).group);
    expect(store.puts).toEqual(['group']);

    await fresh.forget(room);
    expect(await store.list('groupPart')).toEqual([]);
    expect(await fresh.get(room)).toBeUndefined();
  });
});
