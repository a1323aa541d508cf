import type { ReceivedMessage } from '../types.ts';
import { isControl } from './control-message.ts';

/**
 * What a stored message is, so apps never look at cmids: 'message' (an encrypted
 * application message), 'control' (between members' clients: room secrets, leave
 * notices; never shown) or 'commit' (an MLS commit).
 */
export type RoomMessageKind = 'message' | 'control' | 'commit';

/** A stored or received message as YamRooms hands it out: ciphertext, with its kind. */
export type RawMessage = Omit<ReceivedMessage, 'kind'> & { kind: RoomMessageKind };

/** The kind of a message from the transport, the store or YamRooms. */
export function messageKind(m: { kind?: string | undefined; cmid: string }): RoomMessageKind {
  if (m.kind === 'commit') return 'commit';
  if (m.kind === 'control' || isControl(m.cmid)) return 'control';
  return 'message';
}

/** A transport message with its kind set (e.g. one read from a ClientStore). */
export function withKind(m: ReceivedMessage): RawMessage {
  return { ...m, kind: messageKind(m) };
}

/** The transport form of a message YamRooms handed out (for the secure layer). */
export function toTransport(m: RawMessage | ReceivedMessage): ReceivedMessage {
  return { ...m, kind: m.kind === 'commit' ? 'commit' : 'app' };
}
