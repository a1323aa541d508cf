import { type Logger, pino } from 'pino';

/**
 * The server's logger: JSON lines with connection id, clientId, room, code and counts.
 * Call sites never pass payloads, frames or request URLs (a Room URL carries its name).
 */
export function createLogger(level: string, stream?: NodeJS.WritableStream): Logger {
  const options = { level, base: { service: 'yam-server' } };
  return stream ? pino(options, stream as pino.DestinationStream) : pino(options);
}
