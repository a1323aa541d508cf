/**
 * The messages every scenario sends: distinct UTF-8 texts of a fixed size, so the MLS run
 * and the bare AEAD baseline encrypt exactly the same bytes.
 */
export function benchPayloads(count: number, bytes: number): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => {
    const head = `message ${i + 1} of ${count} `;
    return encoder.encode(head.padEnd(Math.max(bytes, head.length), 'lorem ipsum '));
  });
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
