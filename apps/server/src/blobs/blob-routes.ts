import { ErrorCode, httpStatusOf } from '@yam/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BLOB_HASH, type BlobStore } from './blob-store.ts';
import type { UploadTokens } from './upload-tokens.ts';

/**
 * POST /blobs and GET /blobs/<hash> [P-BLOB1] [P-BLOB2]. Uploads are authenticated with
 * an upload token granted over an authenticated WebSocket (`blob.grant`) [P-BLOB3]; downloads are open to whoever
 * knows the hash, because the bytes are ciphertext whose key travels end-to-end encrypted.
 */
export function registerBlobRoutes(
  app: FastifyInstance,
  blobs: BlobStore,
  tokens: UploadTokens,
  maxBlobBytes: number,
): void {
  // Any content type is stored as raw bytes; the body limit applies before buffering ends.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: maxBlobBytes },
      (_r, body, done) => done(null, body),
    );

    scope.post('/blobs', { bodyLimit: maxBlobBytes }, async (request, reply) => {
      const auth = request.headers.authorization ?? '';
      const clientId = auth.startsWith('Bearer ') ? tokens.verify(auth.slice(7).trim()) : undefined;
      if (!clientId)
        return fail(
          reply,
          ErrorCode.Unauthenticated,
          'a valid upload token is required: ask for one with blob.grant',
        );
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return fail(reply, ErrorCode.BadFrame, 'the body must hold the blob bytes');
      }
      const result = blobs.put(clientId, body);
      if (!result.ok) return fail(reply, ErrorCode.QuotaExceeded, 'blob quota exceeded');
      return reply.code(201).send({ hash: result.hash, size: result.size });
    });
  });

  app.get('/blobs/:hash', async (request, reply) => {
    const { hash } = request.params as { hash: string };
    if (!BLOB_HASH.test(hash)) return fail(reply, ErrorCode.BadFrame, 'not a blob hash');
    const data = blobs.get(hash);
    if (!data) return fail(reply, ErrorCode.NotFound, 'no such blob');
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(data));
  });
}

function fail(reply: FastifyReply, code: ErrorCode, message: string) {
  return reply.code(httpStatusOf(code)).send({ code, message });
}
