import { createReadStream } from 'node:fs';
import { STICKER_EXTENSION } from '@yam/protocol';
import type { FastifyInstance } from 'fastify';
import type { StickerLibrary } from './sticker-library.ts';

const FILE = /^([A-Za-z0-9_-]{43})\.([a-z]{3,4})$/;

/**
 * `GET /stickers/index.json` (revalidated, so a new pack shows up) and
 * `GET /stickers/h/<hash>.<ext>` (content-addressed: cached for a year). SVG stickers are
 * served sandboxed: opened on their own, they can run nothing in this origin.
 */
export function registerStickerRoutes(app: FastifyInstance, library: StickerLibrary): void {
  app.get('/stickers/index.json', async (request, reply) => {
    const json = await library.index();
    if (!json)
      return reply.code(404).send({ error: 'NOT_FOUND', message: 'This server has no stickers.' });
    const etag = `"${json.length.toString(36)}-${hashCode(json)}"`;
    reply.header('Cache-Control', 'no-cache').header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get('/stickers/h/:file', async (request, reply) => {
    const match = FILE.exec((request.params as { file: string }).file);
    const served = match && (await library.file(match[1]!));
    if (!match || !served || STICKER_EXTENSION[served.type] !== match[2]) {
      return reply.code(404).send({ error: 'NOT_FOUND', message: 'No such sticker.' });
    }
    reply
      .type(served.type)
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (served.type === 'image/svg+xml') {
      reply.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      );
    }
    return reply.send(createReadStream(served.path));
  });
}

/** A short, stable fingerprint of the index text for its ETag. */
function hashCode(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
