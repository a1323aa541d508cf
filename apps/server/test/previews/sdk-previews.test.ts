import { MemorySecretStore, MemoryStore, YamRooms } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import { isYamError } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../integration/sdk-harness.ts';
import { html, PNG_1X1, startPreviewSite } from './preview-site.ts';

type Site = Awaited<ReturnType<typeof startPreviewSite>>;

describe('YamRooms.previews', () => {
  let server: TestServer | undefined;
  let site: Site | undefined;
  let rooms: YamRooms | undefined;
  afterEach(async () => {
    await rooms?.close();
    await server?.stop();
    await site?.close();
  });

  async function online(): Promise<YamRooms> {
    rooms = new YamRooms({
      server: server!.url,
      identity: createIdentity(),
      store: new MemoryStore(),
      secrets: new MemorySecretStore(),
    });
    await rooms.start();
    await waitFor(() => rooms!.status.state === 'online', 'online');
    return rooms;
  }

  it('[P-PREV1] [P-PREV5] fetches a preview, with its URL, when the server offers them', async () => {
    site = await startPreviewSite({
      '/p': html(
        '<meta property="og:title" content="Hello"><meta property="og:image" content="/i">',
      ),
      '/i': (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1),
    });
    server = await startTestServer({ linkPreviews: { allowLoopback: true } });
    const r = await online();
    expect(r.previews.offered).toBe(true);
    expect(await r.previews.fetch(site.url('/p'))).toEqual({
      url: site.url('/p'),
      title: 'Hello',
      image: { data: PNG_1X1.toString('base64url'), mime: 'image/png', width: 1, height: 1 },
    });
  });

  it('[P-PREV1] says previews are not offered, and a request gets PREVIEW_OFF', async () => {
    server = await startTestServer();
    const r = await online();
    expect(r.previews.offered).toBe(false);
    const error = await r.previews.fetch('https://example.com/').catch((e: unknown) => e);
    expect(isYamError(error, 'PREVIEW_OFF')).toBe(true);
  });
});
