import { ErrorCode, fromBase64Url, type ServerMessage } from '@yam/protocol';
import type { Emitter } from './emitter.ts';
import type { ClientEvents } from './types.ts';

type EventFrame = Extract<ServerMessage, { t: 'signal' | 'activity' | 'typing' | 'error' }>;

/** True for the frames emitEventFrame turns into events without touching client state. */
export function isEventFrame(frame: ServerMessage): frame is EventFrame {
  return (
    frame.t === 'signal' || frame.t === 'activity' || frame.t === 'typing' || frame.t === 'error'
  );
}

/** Emits the event of a stateless server frame (signalling, away, typing, error). */
export function emitEventFrame(
  frame: EventFrame,
  events: Emitter<ClientEvents>,
  rateLimited: () => void,
): void {
  switch (frame.t) {
    case 'signal':
      events.emit('signal', {
        room: frame.room,
        from: frame.from,
        data: fromBase64Url(frame.data),
      });
      return;
    case 'activity':
      events.emit('activity', { room: frame.room, clientId: frame.clientId, away: frame.away });
      return;
    case 'typing':
      events.emit('typing', { room: frame.room, clientId: frame.clientId, active: frame.active });
      return;
    case 'error': {
      if (frame.code === ErrorCode.RateLimited) rateLimited();
      const info = { code: frame.code, message: frame.message };
      events.emit(
        'error',
        frame.retryAfterMs === undefined ? info : { ...info, retryAfterMs: frame.retryAfterMs },
      );
      return;
    }
    default:
      frame satisfies never;
  }
}
