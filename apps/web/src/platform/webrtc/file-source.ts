import type { FileSource } from '@yam/client';

/** A picked or dropped File as a transfer source, read slice by slice. */
export function fileSource(file: File): FileSource {
  return {
    name: file.name || 'file',
    size: file.size,
    type: file.type,
    read: async (offset, length) =>
      new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
  };
}
