import { z } from 'zod/mini';
import { RequestId } from './ids.ts';

// Blob upload grants [P-BLOB3]. Uploads go over HTTP, which carries no device signature:
// an authenticated connection asks for a short-lived token that authorises uploads only.

/** Ask for an upload token for this connection's client ID (authenticated only). [P-BLOB3] */
export const BlobGrantRequest = z.object({ t: z.literal('blob.grant'), rid: RequestId });

/** An upload token: `Authorization: Bearer <token>` on `POST /blobs` until `expiresAt`. [P-BLOB3] */
export const BlobGrantedEvent = z.object({
  t: z.literal('blob.granted'),
  rid: RequestId,
  token: z.string().check(z.maxLength(256)),
  expiresAt: z.int(),
});

export type BlobGrantRequest = z.infer<typeof BlobGrantRequest>;
export type BlobGrantedEvent = z.infer<typeof BlobGrantedEvent>;

export const BLOB_CLIENT_MESSAGES = [BlobGrantRequest] as const;
export const BLOB_SERVER_MESSAGES = [BlobGrantedEvent] as const;
