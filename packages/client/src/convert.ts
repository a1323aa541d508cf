import { fromBase64Url, type StoredMessage } from '@yam/protocol';
import type { ReceivedMessage } from './types.ts';

/** A wire message (base64url payload) as the SDK hands it out (bytes). */
export function toReceived(m: StoredMessage): ReceivedMessage {
  return {
    room: m.room,
    seq: m.seq,
    from: m.from,
    cmid: m.cmid,
    ts: m.ts,
    payload: fromBase64Url(m.payload),
    kind: m.kind ?? 'app',
    ...(m.epoch === undefined ? {} : { epoch: m.epoch }),
    ...(m.adds === undefined ? {} : { adds: m.adds }),
    ...(m.removes === undefined ? {} : { removes: m.removes }),
  };
}
