import { fromBase64Url, sniffImage } from '@yam/protocol';

type PreviewImage = { data: string; mime: string };

/**
 * A `data:` URL for a preview's image, only when its bytes really are the JPEG, PNG, WebP
 * or GIF it claims to be (never SVG or HTML); undefined otherwise. [P-PREV5]
 */
export function previewImageUrl(image: PreviewImage | undefined): string | undefined {
  if (!image) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(image.data);
  } catch {
    return undefined;
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed || sniffed.mime !== image.mime) return undefined;
  // Standard base64 for the data: URL (base64url is not what browsers decode there).
  const standard = image.data.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  return `data:${sniffed.mime};base64,${padded}`;
}
