import { statfs } from 'node:fs/promises';

/**
 * Whether the file system holding `dir` keeps at least `reserveBytes` free after writing
 * `bytes` more: new blobs are refused before the disk fills, not when a write fails.
 * An error reading the file system counts as no room.
 */
export async function hasRoomFor(
  dir: string,
  bytes: number,
  reserveBytes: number,
): Promise<boolean> {
  try {
    const fs = await statfs(dir);
    return fs.bavail * fs.bsize - bytes >= reserveBytes;
  } catch {
    return false;
  }
}
