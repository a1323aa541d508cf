import { fileURLToPath } from 'node:url';

/** The starter sticker library shipped in the repository (`stickers/`). */
export const DEFAULT_STICKERS_DIR = fileURLToPath(new URL('../../../../stickers', import.meta.url));
