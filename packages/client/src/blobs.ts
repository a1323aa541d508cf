import { ErrorCode, type ErrorCode as ErrorCodeType, YamError } from '@yam/protocol';

/** Where a blob lives once uploaded: its content address and size. [P-BLOB1] */
export type StoredBlob = { hash: string; size: number };

/** The http(s) URL of a blob on a server. [P-BLOB2] */
export function blobUrl(server: string, hash: string): string {
  return new URL(`/blobs/${encodeURIComponent(hash)}`, server).toString();
}

/**
 * Uploads bytes (ciphertext: encrypt first) to a server's blob store, authenticated by an
 * upload token from `blob.grant` [P-BLOB3]. Throws a YamError with the server's code on refusal.
 */
export async function uploadBlob(
  server: string,
  token: string,
  data: Uint8Array,
): Promise<StoredBlob> {
  const res = await fetch(new URL('/blobs', server), {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
    body: data.slice().buffer,
  });
  if (!res.ok) throw await httpError(res);
  const body = (await res.json()) as Partial<StoredBlob>;
  if (typeof body.hash !== 'string' || typeof body.size !== 'number') {
    throw new YamError(ErrorCode.BadFrame, 'the blob store answered without a hash');
  }
  return { hash: body.hash, size: body.size };
}

/** Downloads a blob's bytes; the caller checks them (decryptAttachment checks the hash). */
export async function downloadBlob(server: string, hash: string): Promise<Uint8Array> {
  const res = await fetch(blobUrl(server, hash));
  if (!res.ok) throw await httpError(res);
  return new Uint8Array(await res.arrayBuffer());
}

async function httpError(res: Response): Promise<YamError> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  const code =
    res.status === 413
      ? ErrorCode.PayloadTooLarge
      : (Object.values(ErrorCode) as string[]).includes(body.code ?? '')
        ? (body.code as ErrorCodeType)
        : ErrorCode.Internal;
  return new YamError(code, body.message ?? `blob store answered ${res.status}`);
}
