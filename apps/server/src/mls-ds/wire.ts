import type { ClientId, JoinRequestEvent, RoomId, WelcomeEvent } from '@yam/protocol';
import type { InboxRecord, JoinRequestRecord } from '../storage/storage.ts';

// Storage holds only IDs validated on the way in, so brands are restored here, once.
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** [P-DS4] */
export function toWelcomeEvent(item: InboxRecord): WelcomeEvent {
  return {
    t: 'welcome',
    id: item.id,
    room: item.room as RoomId,
    from: item.from as ClientId,
    data: b64(item.data),
    ts: item.ts,
  };
}

/** [P-DS5] */
export function toJoinRequestEvent(r: JoinRequestRecord): JoinRequestEvent {
  return {
    t: 'joinRequest',
    id: r.id,
    room: r.room as RoomId,
    from: r.from as ClientId,
    keyPackage: b64(r.keyPackage),
    ...(r.mac ? { mac: b64(r.mac) } : {}),
    ...(r.pake ? { pake: b64(r.pake) } : {}),
    ...(r.info ? { info: b64(r.info) } : {}),
    ts: r.ts,
  };
}
