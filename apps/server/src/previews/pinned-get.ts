import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { failed } from './preview-error.ts';
import type { PreviewTarget } from './preview-target.ts';

/** The only User-Agent the fetcher sends; sites (and tests) can tell it apart. */
export const PREVIEW_USER_AGENT = 'YamPreview/1';

/**
 * One GET to the target's checked address: the URL's name goes in the Host header and
 * the TLS SNI (and the certificate must match it), but the socket connects to the pinned
 * IP, so a DNS answer that changes between check and connect (rebinding) is never used.
 * No cookies, no referrer, no compression. [P-PREV2] [P-PREV3]
 */
export function pinnedGet(
  target: PreviewTarget,
  accept: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const pin: LookupFunction = (_host, options, callback) => {
    const all = (options as { all?: boolean }).all === true;
    if (all) {
      (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target.url, {
      method: 'GET',
      lookup: pin,
      signal,
      agent: false,
      headers: {
        'user-agent': PREVIEW_USER_AGENT,
        accept,
        'accept-encoding': 'identity',
      },
    });
    req.once('response', resolve);
    req.once('error', () =>
      reject(
        signal.aborted
          ? failed('that site took too long to answer')
          : failed('that site could not be reached'),
      ),
    );
    req.end();
  });
}

/** Reads at most `cap` bytes of a body, then stops reading; `cut` says whether there was more. */
export async function readCapped(
  response: IncomingMessage,
  cap: number,
): Promise<{ bytes: Buffer; cut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      const room = cap - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size = cap;
        cut = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch {
    throw failed('that site stopped answering');
  } finally {
    response.destroy();
  }
  return { bytes: Buffer.concat(chunks, size), cut };
}
