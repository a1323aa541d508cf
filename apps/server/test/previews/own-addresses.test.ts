import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.ts';
import { LinkPreviewFetcher } from '../../src/previews/link-preview-fetcher.ts';
import { ownAddresses } from '../../src/previews/own-addresses.ts';

describe('the server’s own addresses', () => {
  it("[P-PREV2] include the public URL's and the TURN host's addresses, so a preview never fetches the server", async () => {
    const config = resolveConfig({
      host: '0.0.0.0',
      publicUrl: 'https://203.0.113.9/',
      turn: { port: 0, publicHost: '198.51.100.4' },
    });
    const own = await ownAddresses(config);
    expect(own).toEqual(expect.arrayContaining(['203.0.113.9', '198.51.100.4']));
    expect(own).not.toContain('0.0.0.0');
    // 203.0.113.0/24 is in no denied range: only "own" refuses it, before any connection.
    const fetcher = new LinkPreviewFetcher({ ownAddresses: own, timeoutMs: 2_000 });
    const error = await fetcher.fetch('https://203.0.113.9/').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PREVIEW_REFUSED' });
  });
});
