import type { ZodMiniType } from 'zod/mini';
import { ErrorCode, YamError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { ClientMessage, ServerMessage } from './messages.ts';

const encoder = new TextEncoder();

/** Fields holding opaque bytes: too long means PAYLOAD_TOO_LARGE, not BAD_FRAME. [P-LIM2] [P-DS2] */
const OPAQUE_FIELDS: ReadonlySet<PropertyKey | undefined> = new Set([
  'payload',
  'commit',
  'welcome',
  'keyPackage',
  'keyPackages',
  'info',
  'mac',
  'data',
]);

/** Serialises a message for the wire (one JSON text frame). */
export function encodeFrame(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}

/** UTF-8 byte length of a text frame, without allocating for ASCII-only text. */
function byteLength(text: string): number {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text.length : encoder.encode(text).length;
}

function decodeWith<T>(schema: ZodMiniType<T>, frame: string | Uint8Array, maxBytes: number): T {
  const size = typeof frame === 'string' ? byteLength(frame) : frame.byteLength;
  // [P-LIM1] size cap before any decoding.
  if (size > maxBytes) {
    throw new YamError(ErrorCode.FrameTooLarge, `frame of ${size} bytes exceeds ${maxBytes}`);
  }
  let text: string;
  try {
    text =
      typeof frame === 'string' ? frame : new TextDecoder('utf-8', { fatal: true }).decode(frame);
  } catch (cause) {
    throw new YamError(ErrorCode.BadFrame, 'frame is not valid UTF-8', { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new YamError(ErrorCode.BadFrame, 'frame is not valid JSON', { cause });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    // [P-LIM2] an over-long payload is its own, non-fatal error.
    const code =
      issue?.code === 'too_big' && issue.origin === 'string' && OPAQUE_FIELDS.has(issue.path[0])
        ? ErrorCode.PayloadTooLarge
        : ErrorCode.BadFrame;
    throw new YamError(code, `invalid message${where}: ${issue?.message ?? 'unknown'}`, {
      cause: result.error,
      rid: readRid(json),
    });
  }
  return result.data;
}

/** The request ID of a frame that failed validation, so its error can still be matched. */
function readRid(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const rid = (json as { rid?: unknown }).rid;
  return typeof rid === 'number' && Number.isInteger(rid) && rid >= 0 && rid <= 0xffffffff
    ? rid
    : undefined;
}

/** Parses one client frame into a typed message or throws a YamError (BAD_FRAME, FRAME_TOO_LARGE). [P-ERR2] */
export function decodeClientFrame(
  frame: string | Uint8Array,
  maxBytes: number = LIMITS.maxFrameBytes,
): ClientMessage {
  return decodeWith(ClientMessage, frame, maxBytes);
}

/** Parses one server frame; clients use it so a misbehaving server cannot crash them either. */
export function decodeServerFrame(
  frame: string | Uint8Array,
  maxBytes: number = LIMITS.maxFrameBytes * 2,
): ServerMessage {
  return decodeWith(ServerMessage, frame, maxBytes);
}
