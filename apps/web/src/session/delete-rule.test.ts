import { encodeContent, type OpenedMessage } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { eraseIfDeleted, mayDelete } from './delete-rule.ts';
import type { RoomRoles } from './room-ports.ts';

const ANN = 'a'.repeat(43);
const BOSS = 'b'.repeat(43);
const MAL = 'm'.repeat(43);
const roles: RoomRoles = { roles: { [BOSS]: 'owner' }, membersMayRemove: true };

function opened(from: string, body: Uint8Array): OpenedMessage {
  return {
    room: 'tea' as RoomId,
    seq: 9 as Seq,
    from: from as ClientId,
    cmid: 'cmid-0009' as ClientMsgId,
    ts: 9,
    body,
  };
}
const del = (author: string) =>
  encodeContent({ type: 'delete', to: 'cmid-0001', author, sentAt: 1 });

describe('deletes erase in the background', () => {
  function source() {
    const erased: string[] = [];
    return {
      erased,
      roles: async () => roles,
      erase: async (_room: string, from: string, cmid: string) => {
        erased.push(`${from}:${cmid}`);
      },
    };
  }

  it("the author's delete and the owner's erase the original at once", async () => {
    const s = source();
    expect(await eraseIfDeleted(s, opened(ANN, del(ANN)))).toBe(true);
    expect(await eraseIfDeleted(s, opened(BOSS, del(ANN)))).toBe(true);
    expect(s.erased).toEqual([`${ANN}:cmid-0001`, `${ANN}:cmid-0001`]);
  });

  it("a plain member's delete of another's message erases nothing, whatever the room lets members remove", async () => {
    const s = source();
    expect(await eraseIfDeleted(s, opened(MAL, del(ANN)))).toBe(false);
    expect(s.erased).toEqual([]);
  });

  it('other content erases nothing', async () => {
    const s = source();
    const text = encodeContent({ type: 'text', text: 'hi', sentAt: 1 });
    expect(await eraseIfDeleted(s, opened(ANN, text))).toBe(false);
    expect(
      await eraseIfDeleted(s, { ...opened(ANN, text), body: undefined } as OpenedMessage),
    ).toBe(false);
  });

  it('an admin may not delete the owner’s message', () => {
    const r: RoomRoles = { roles: { [BOSS]: 'owner', [ANN]: 'admin' }, membersMayRemove: false };
    expect(mayDelete(r, ANN, BOSS)).toBe(false);
    expect(mayDelete(r, ANN, MAL)).toBe(true);
    expect(mayDelete(undefined, ANN, MAL)).toBe(false);
  });
});
