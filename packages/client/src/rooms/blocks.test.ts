import { type ClientId, ErrorCode } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secure/secret-store.ts';
import { Blocks, isBlocked } from './blocks.ts';

const CAROL = 'C'.repeat(43) as ClientId;
const DAVE = 'D'.repeat(43) as ClientId;

describe('the block list (rooms.blocks)', () => {
  it('blocks and unblocks, idempotently; has() and list() follow', async () => {
    const blocks = new Blocks(new MemorySecretStore());
    expect(await blocks.has(CAROL)).toBe(false);
    await blocks.block(DAVE);
    await blocks.block(CAROL);
    await blocks.block(CAROL);
    expect(await blocks.list()).toEqual([CAROL, DAVE]);
    expect(await blocks.has(CAROL)).toBe(true);
    await blocks.unblock(CAROL);
    await blocks.unblock(CAROL);
    expect(await blocks.list()).toEqual([DAVE]);
    expect(await blocks.has(CAROL)).toBe(false);
  });

  it('lasts: a new Blocks on the same store (a restart) knows it, and so does the join desk guard', async () => {
    const store = new MemorySecretStore();
    await new Blocks(store).block(CAROL);
    expect(await new Blocks(store).list()).toEqual([CAROL]);
    expect(await isBlocked(store, CAROL)).toBe(true);
    expect(await isBlocked(store, DAVE)).toBe(false);
  });

  it('refuses what is not a client ID with BAD_FRAME, storing nothing', async () => {
    const store = new MemorySecretStore();
    const blocks = new Blocks(store);
    await expect(blocks.block('not-an-id' as ClientId)).rejects.toMatchObject({
      code: ErrorCode.BadFrame,
    });
    expect(await store.list('block')).toEqual([]);
  });

  it('tells listeners the whole list after each change', async () => {
    const blocks = new Blocks(new MemorySecretStore());
    const seen: (readonly ClientId[])[] = [];
    const off = blocks.onChange((list) => seen.push(list));
    await blocks.block(CAROL);
    await blocks.unblock(CAROL);
    off();
    await blocks.block(DAVE);
    expect(seen).toEqual([[CAROL], []]);
  });
});
