import {
  decodeContent,
  encodeContent,
  MemorySecretStore,
  MemoryStore,
  type OpenedMessage,
  YamRooms,
} from '@yam/client';
import { createIdentity } from '@yam/crypto';
import { isYamError, PREVIEW_LIMITS, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../integration/sdk-harness.ts';
import { html, PNG_1X1, startPreviewSite } from './preview-site.ts';

type Site = Awaited<ReturnType<typeof startPreviewSite>>;

describe('YamRooms.previews', () => {
  let server: TestServer | undefined;
  let site: Site | undefined;
  let rooms: YamRooms | undefined;
  const others: YamRooms[] = [];
  afterEach(async () => {
    await rooms?.close();
    for (const r of others.splice(0)) await r.close();
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

  it('[P-PREV5] a preview with the largest image travels inside one message', async () => {
    server = await startTestServer();
    const alice = await online();
    const bob = await online();
    others.push(alice);
    const room = 'preview-transit' as RoomId;
    const opened: OpenedMessage[] = [];
    bob.on('message', (m) => opened.push(m));
    await alice.enter(room);
    await bob.enter(room, { invite: await alice.joins.invite(room), timeoutMs: 15_000 });
    const png = Buffer.alloc(PREVIEW_LIMITS.maxImageBytes);
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex').copy(
      png,
    );
    const url = 'https://example.com/long';
    const content = {
      type: 'text' as const,
      text: `${'word '.repeat(1000)}${url}`,
      sentAt: Date.now(),
      preview: {
        url,
        title: 't'.repeat(PREVIEW_LIMITS.maxTitleChars),
        description: 'd'.repeat(PREVIEW_LIMITS.maxDescriptionChars),
        image: { data: png.toString('base64url'), mime: 'image/png' as const, width: 1, height: 1 },
      },
    };
    const receipt = await alice.send(room, encodeContent(content));
    await receipt.acked;
    await waitFor(() => opened.some((m) => m.cmid === receipt.cmid), 'Bob opens it');
    const got = opened.find((m) => m.cmid === receipt.cmid);
    expect(decodeContent(got!.body!)).toEqual(content);
  });

  it('[P-PREV1] says previews are not offered, and a request gets PREVIEW_OFF', async () => {
    server = await startTestServer();
    const r = await online();
    expect(r.previews.offered).toBe(false);
    const error = await r.previews.fetch('https://example.com/').catch((e: unknown) => e);
    expect(isYamError(error, 'PREVIEW_OFF')).toBe(true);
  });
});
