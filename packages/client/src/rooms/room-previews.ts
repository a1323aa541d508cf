import { PreviewUrl } from '@yam/protocol';
import type { LinkPreview } from '../content.ts';
import type { YamClient } from '../yam-client.ts';

/**
 * Link previews made by this server's fetcher, when its operator turned it on. The server
 * sees each URL asked for; the preview then travels inside the encrypted message, so
 * receivers never fetch the link. [P-PREV1] [P-PREV5]
 */
export class RoomPreviews {
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
  }

  /** Whether the server offers previews (as its last `ready` said; false before one). */
  get offered(): boolean {
    return this.#client.linkPreviews;
  }

  /** The preview of an http(s) URL, ready to put in a text message's `preview`. */
  async fetch(url: string): Promise<LinkPreview> {
    const parsed = PreviewUrl.safeParse(url);
    if (!parsed.success) throw new RangeError('only http and https links get a preview');
    const { t: _t, rid: _rid, ...fields } = await this.#client.media.preview(parsed.data);
    return { url: parsed.data, ...fields };
  }
}
