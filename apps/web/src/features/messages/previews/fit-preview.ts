import { type Content, encodeContent } from '@yam/client';
import { ENVELOPE_LIMITS } from '@yam/crypto';

/**
 * Makes a text message with a preview fit one signed envelope: a long text plus the
 * largest preview image (64 KiB) can be too much, so the image goes first, then the whole
 * preview. The text itself is never cut (its own limit is checked in the composer).
 */
export function fitPreview(
  content: Content,
  maxBytes: number = ENVELOPE_LIMITS.maxBodyBytes,
): Content {
  if (content.type !== 'text' || !content.preview) return content;
  const size = (c: Content) => encodeContent(c).byteLength;
  if (size(content) <= maxBytes) return content;
  const { image: _image, ...textOnly } = content.preview;
  const smaller = { ...content, preview: textOnly };
  if (size(smaller) <= maxBytes) return smaller;
  const { preview: _preview, ...bare } = content;
  return bare;
}
