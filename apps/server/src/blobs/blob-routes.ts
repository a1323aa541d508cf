import { ErrorCode, httpStatusOf } from '@yam/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Metrics } from '../metrics/metrics.ts';
import { clientAddress, type TrustedProxies } from '../net/client-address.ts';
import { ipKey } from '../net/ip-key.ts';
import { BLOB_HASH, type BlobStore } from './blob-store.ts';
import { hasRoomFor } from './disk-space.ts';
import type { UploadTokens } from './upload-tokens.ts';

/** Where blobs live and how much of its disk must stay free. */
export type BlobDisk = { dir: string; minFreeBytes: number };

/**
 * How uploads are bounded and counted: body size, disk (none when blobs live in
 * PostgreSQL: the database's disk is its operator's to watch), the client's address, metrics.
 */
export type BlobRouteOptions = {
  maxBlobBytes: number;
  disk: BlobDisk | undefined;
  trustProxy: TrustedProxies;
  metrics: Metrics;
};

/**
 * POST /blobs and GET /blobs/<hash> [P-BLOB1] [P-BLOB2]. Uploads are authenticated with
 * an upload token granted over an authenticated WebSocket (`blob.grant`) [P-BLOB3]; downloads are open to whoever
 * knows the hash, because the bytes are ciphertext whose key travels end-to-end encrypted.
 */
export function registerBlobRoutes(
  app: FastifyInstance,
  blobs: BlobStore,
  tokens: UploadTokens,
  { maxBlobBytes, disk, trustProxy, metrics }: BlobRouteOptions,
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
      if (disk && !(await hasRoomFor(disk.dir, body.length, disk.minFreeBytes))) {
        request.log.warn({ code: ErrorCode.StorageFull }, 'blob refused: disk almost full');
        return fail(reply, ErrorCode.StorageFull, STORAGE_FULL);
      }
      const result = await blobs.put(clientId, ipKey(clientAddress(request.raw, trustProxy)), body);
      if (!result.ok && result.reason === 'full') {
        return fail(reply, ErrorCode.StorageFull, STORAGE_FULL);
      }
      if (!result.ok) {
        return fail(
          reply,
          ErrorCode.QuotaExceeded,
          'you (or your network) stored as many files as this server allows for now; send a smaller one or try again in a few days',
        );
      }
      metrics.blobBytes.inc(result.size);
      return reply.code(201).send({ hash: result.hash, size: result.size });
    });
  });

  app.get('/blobs/:hash', async (request, reply) => {
    const { hash } = request.params as { hash: string };
    if (!BLOB_HASH.test(hash)) return fail(reply, ErrorCode.BadFrame, 'not a blob hash');
    const data = await blobs.get(hash);
    if (!data) return fail(reply, ErrorCode.NotFound, 'no such blob');
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(data));
  });
}

const STORAGE_FULL =
  'the server has no room for more files right now; try again later or tell its operator';

function fail(reply: FastifyReply, code: ErrorCode, message: string) {
  return reply.code(httpStatusOf(code)).send({ code, message });
}
