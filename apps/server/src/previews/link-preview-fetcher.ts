import {
  PREVIEW_LIMITS,
  type PreviewFields,
  type PreviewImage,
  sniffImage,
  toBase64Url,
} from '@yam/protocol';
import { AddressFilter } from '../net/address-filter.ts';
import { readPageMeta } from './html-meta.ts';
import { pinnedGet, readCapped } from './pinned-get.ts';
import { failed, PreviewError } from './preview-error.ts';
import { parsePreviewUrl, type Resolver, resolveTarget, systemResolver } from './preview-target.ts';

export type LinkPreviewOptions = {
  /** Tests only: fetch from 127.0.0.0/8, on any port. Never on by default. */
  allowLoopback?: boolean;
  /** The whole preview (redirects and image included) must finish within this; default 5 s. */
  timeoutMs?: number;
  /** Bytes of HTML read; the rest is never read. Default 512 KiB. */
  maxHtmlBytes?: number;
  /** Redirects followed, each checked like the first URL. Default 3. */
  maxRedirects?: number;
  /** Addresses of this server besides its interfaces. */
  ownAddresses?: string[];
  /** Name resolution; tests swap it. */
  resolve?: Resolver;
};

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

/**
 * Fetches a page's preview for a client, refusing every address the TURN relay refuses
 * (private, loopback, link-local, the server's own...), on the first URL and on each
 * redirect and the og:image. [P-PREV2] [P-PREV3]
 */
export class LinkPreviewFetcher {
  readonly #filter: AddressFilter;
  readonly #anyPort: boolean;
  readonly #timeoutMs: number;
  readonly #maxHtmlBytes: number;
  readonly #maxRedirects: number;
  readonly #resolve: Resolver;

  constructor(options: LinkPreviewOptions = {}) {
    this.#filter = new AddressFilter({
      allowLoopback: options.allowLoopback === true,
      ...(options.ownAddresses ? { ownAddresses: options.ownAddresses } : {}),
    });
    this.#anyPort = options.allowLoopback === true;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#maxHtmlBytes = options.maxHtmlBytes ?? 512 * 1024;
    this.#maxRedirects = options.maxRedirects ?? 3;
    this.#resolve = options.resolve ?? systemResolver;
  }

  /** Adds an address of this server learnt later. */
  addOwn(ip: string): void {
    this.#filter.addOwn(ip);
  }

  /** The preview of `text`, or a PreviewError (REFUSED or FAILED). */
  async fetch(text: string): Promise<PreviewFields> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const page = await this.#get(parsePreviewUrl(text, this.#anyPort), 'text/html', signal);
      const header = page.response.headers['content-type'];
      if (!HTML_TYPES.includes(contentType(header))) throw failed('that link is not a web page');
      const { bytes } = await readCapped(page.response, this.#maxHtmlBytes);
      const meta = readPageMeta(decodeText(bytes, header));
      const { imageUrl, ...fields } = meta;
      const preview: PreviewFields = fields;
      if (imageUrl) {
        const image = await this.#image(imageUrl, page.url, signal);
        if (image) preview.image = image;
      }
      return preview;
    } catch (error) {
      if (error instanceof PreviewError) {
        if (signal.aborted && error.code === 'PREVIEW_FAILED') {
          throw failed('that site took too long to answer');
        }
        throw error;
      }
      throw signal.aborted
        ? failed('that site took too long to answer')
        : failed('that page could not be read');
    }
  }

  /** GET with manual redirects; each hop is parsed, resolved and checked again. */
  async #get(first: URL, accept: string, signal: AbortSignal) {
    let url = first;
    for (let hop = 0; ; hop++) {
      const target = await resolveTarget(url, this.#filter, this.#resolve);
      const response = await pinnedGet(target, accept, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.destroy();
        const location = response.headers.location;
        if (!location) throw failed('that site answered with a broken redirect');
        if (hop >= this.#maxRedirects) throw failed('that link redirects too many times');
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw failed('that site answered with a broken redirect');
        }
        url = parsePreviewUrl(next.href, this.#anyPort);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw failed(`that site answered with an error (${status})`);
      }
      return { url, response };
    }
  }

  /** The og:image's bytes when small enough and a safe type by magic bytes; else nothing. */
  async #image(text: string, base: URL, signal: AbortSignal): Promise<PreviewImage | undefined> {
    try {
      const url = parsePreviewUrl(new URL(text, base).href, this.#anyPort);
      const { response } = await this.#get(url, 'image/*', signal);
      const { bytes, cut } = await readCapped(response, PREVIEW_LIMITS.maxImageBytes);
      if (cut) return undefined;
      const sniffed = sniffImage(bytes);
      if (!sniffed) return undefined;
      const { width, height } = sniffed;
      if (width > PREVIEW_LIMITS.maxImageSide || height > PREVIEW_LIMITS.maxImageSide)
        return undefined;
      return { data: toBase64Url(bytes), ...sniffed };
    } catch (error) {
      // A page whose image cannot be had still gets its text preview; a timeout does not.
      if (signal.aborted) throw error;
      return undefined;
    }
  }
}

function contentType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The page's text in the charset its Content-Type names (UTF-8 when none or unknown). */
function decodeText(bytes: Uint8Array, header: string | undefined): string {
  const charset = /;\s*charset=["']?([\w.:-]+)/i.exec(header ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
