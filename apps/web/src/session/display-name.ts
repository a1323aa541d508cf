/** Names travel inside every message, so keep them short. */
export const MAX_NAME_LENGTH = 40;

/**
 * What people without a profile are called: "Someone" and a short code from their client
 * ID (itself a hash of their key), so two unnamed people tell apart without a hex ID.
 */
export function defaultDisplayName(clientId: string): string {
  return `Someone ${shortCode(clientId)}`;
}

/** Four digits from a client ID (FNV-1a), stable on every device. */
export function shortCode(clientId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < clientId.length; i++) {
    h ^= clientId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h % 10_000).padStart(4, '0');
}
