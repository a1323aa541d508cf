import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkPreviewFetcher } from '../../src/previews/link-preview-fetcher.ts';
import { selfSignedPair } from '../tls/pebble.ts';

describe('previews over https', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const undo of cleanup.splice(0)) undo();
  });

  it('[P-PREV2] sends the name as SNI to the pinned address and checks the certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yam-preview-tls-'));
    const { certFile, keyFile } = selfSignedPair(dir, 'site', 'preview.test');
    const context = createSecureContext({
      cert: readFileSync(certFile),
      key: readFileSync(keyFile),
    });
    const names: string[] = [];
    let requests = 0;
    const server = createServer(
      {
        SNICallback: (name, done) => {
          names.push(name);
          done(null, context);
        },
      },
      (_req, res) => {
        requests++;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<title>TLS</title>');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const { port } = server.address() as AddressInfo;
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true, resolve });
    const error = await fetcher.fetch(`https://preview.test:${port}/`).catch((e: unknown) => e);
    // The name went to the pinned address as SNI; the self-signed certificate is not
    // trusted, so no request was made over it.
    expect(names).toEqual(['preview.test']);
    expect(error).toMatchObject({ code: 'PREVIEW_FAILED' });
    expect(requests).toBe(0);
  });
});
