import type { ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { Receipts } from './receipts.ts';

const room = 'r' as RoomId;
const cmid = 'c1' as ClientMsgId;
const ack = { room, cmid, seq: 7 as Seq, ts: 1 };

describe('send receipts', () => {
  it('settle with their own ack only, even when it comes before anyone awaits', async () => {
    const receipts = new Receipts();
    const acked = receipts.expect(room, cmid);
    const other = receipts.expect(room, 'c2' as ClientMsgId);
    receipts.acked(ack);
    await expect(acked).resolves.toEqual(ack);
    let otherSettled = false;
    void other.then(() => {
      otherSettled = true;
    });
    await Promise.resolve();
    expect(otherSettled).toBe(false);
  });

  it('reject when the message is dropped or the client closes', async () => {
    const receipts = new Receipts();
    const dropped = receipts.expect(room, cmid);
    const closed = receipts.expect(room, 'c2' as ClientMsgId);
    receipts.dropped(room, cmid, new Error('too large'));
    receipts.rejectAll(new Error('closed'));
    await expect(dropped).rejects.toThrow('too large');
    await expect(closed).rejects.toThrow('closed');
  });
});
