import { z } from 'zod';

/** Longest text of one message, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 16_000;
/** Longest display name carried in a message. */
export const MAX_NAME_LENGTH = 64;
/** Content bytes larger than this are refused before decoding. */
const MAX_CONTENT_BYTES = 128 * 1024;

/** The plaintext inside a message payload (MLS will encrypt it; this layer does not). */
export type TextContent = { type: 'text'; text: string; name?: string; sentAt: number };
export type Content = TextContent;

const ContentSchema = z.discriminatedUnion('type', [
  z.object({
    v: z.literal(1),
    type: z.literal('text'),
    text: z.string().max(MAX_TEXT_LENGTH),
    name: z.string().max(MAX_NAME_LENGTH).optional(),
    sentAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
]);

/** Encodes content as UTF-8 JSON with a format version; throws RangeError on invalid content. */
export function encodeContent(content: Content): Uint8Array {
  const wire = { v: 1 as const, ...content };
  const result = ContentSchema.safeParse(wire);
  if (!result.success) {
    throw new RangeError(`invalid content: ${result.error.issues[0]?.message ?? 'unknown'}`);
  }
  return new TextEncoder().encode(JSON.stringify(result.data));
}

/** Decodes payload bytes into content; undefined for anything malformed or unknown. */
export function decodeContent(bytes: Uint8Array): Content | undefined {
  if (bytes.byteLength > MAX_CONTENT_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const result = ContentSchema.safeParse(json);
  if (!result.success) return undefined;
  const { v: _v, ...content } = result.data;
  return content.name === undefined
    ? { type: content.type, text: content.text, sentAt: content.sentAt }
    : content;
}
