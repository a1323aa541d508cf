import type { ClientId, ClientMsgId, RoomId, Seq, StoredMessage } from '@yam/protocol';
import type { StoredRecord } from './storage.ts';

/**
 * A stored log entry as `msg` and `history` carry it; app entries omit `kind`. [P-DS1]
 * Storage holds only IDs validated on the way in, so brands are restored here, once.
 */
export function toWireMessage(m: StoredRecord): StoredMessage {
  return {
    room: m.room as RoomId,
    seq: m.seq as Seq,
    from: m.from as ClientId,
    cmid: m.cmid as ClientMsgId,
    ts: m.ts,
    payload: Buffer.from(m.payload).toString('base64url'),
    ...(m.kind === 'commit' ? { kind: 'commit' as const, epoch: m.epoch ?? 0 } : {}),
    ...(m.kind === 'commit' && m.adds ? { adds: m.adds as ClientId[] } : {}),
    ...(m.kind === 'commit' && m.removes ? { removes: m.removes as ClientId[] } : {}),
  };
}
