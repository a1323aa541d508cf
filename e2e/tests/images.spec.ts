import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

// Peers connect over loopback in tests: a server with STUN/TURN that allows it.
const withTurn = test.extend<{ turnServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  turnServer: async ({}, use) => {
    const server = await YamTestServer.start({ turn: { port: 0, allowLoopbackPeers: true } });
    await use(server);
    await server.dispose();
  },
});

/** A small valid PNG (a red-green gradient) built here, so the test needs no fixture file. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rows.set([(x * 255) / width, (y * 255) / height, 90], y * (1 + width * 3) + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function postImage(page: Page, caption: string) {
  await page.getByLabel('Image to send').setInputFiles({
    name: 'picture.png',
    mimeType: 'image/png',
    buffer: png(120, 80),
  });
  const preview = page.getByRole('dialog', { name: 'Send image' });
  await expect(preview.getByRole('img', { name: 'Preview' })).toBeVisible();
  await preview.getByRole('textbox', { name: 'Caption' }).fill(caption);
  await preview.getByRole('button', { name: 'Send' }).click();
  await expect(preview).toBeHidden();
}

function shownImage(page: Page, caption: string) {
  return page.getByRole('article').filter({ hasText: caption }).locator('img.message-image');
}

/** Closes a member's page and opens the room again later in the same browser profile. */
async function reopen(page: Page, server: YamTestServer, room: string): Promise<Page> {
  const again = await page.context().newPage();
  await openRoom(again, server, room);
  return again;
}

withTurn(
  'an image posted while B is online reaches B from A over a data channel; C later gets the server copy',
  async ({ turnServer, newDevice }) => {
    const room = 'images-peer';
    const a = await newDevice();
    const b = await newDevice();
    const c = await newDevice();
    await openRoom(a, turnServer, room);
    await openRoom(b, turnServer, room);
    await openRoom(c, turnServer, room);
    await c.close();

    // Preview first: Cancel sends nothing.
    await a.getByLabel('Image to send').setInputFiles({
      name: 'nope.png',
      mimeType: 'image/png',
      buffer: png(10, 10),
    });
    await a
      .getByRole('dialog', { name: 'Send image' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await expect(a.getByRole('dialog', { name: 'Send image' })).toBeHidden();

    await postImage(a, 'sunset over the bay');
    await expect(shownImage(a, 'sunset over the bay')).toHaveAttribute('data-source', 'cache');
    const atB = shownImage(b, 'sunset over the bay');
    await expect(atB).toHaveAttribute('data-source', 'peer', { timeout: 30_000 });
    expect(await atB.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    await b.screenshot({ path: `${SCREENSHOTS}image-message.png` });

    // Nobody who holds it is online any more: C falls back to the server's encrypted copy.
    await a.close();
    await b.close();
    const c2 = await reopen(c, turnServer, room);
    const atC = shownImage(c2, 'sunset over the bay');
    await expect(atC).toHaveAttribute('data-source', 'server', { timeout: 30_000 });
    expect(await atC.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(80);
  },
);

withTurn(
  'a tampered server copy of an image is rejected with an explanation',
  async ({ turnServer, newDevice }) => {
    const room = 'images-tampered';
    const a = await newDevice();
    const c = await newDevice();
    await openRoom(a, turnServer, room);
    await openRoom(c, turnServer, room);
    await c.close();
    await postImage(a, 'do not alter me');
    await a.close();

    const again = await c.context().newPage();
    // The server (or anyone on the way) hands out different bytes under the image's hash.
    await again.route('**/blobs/*', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: png(5, 5) })
        : route.continue(),
    );
    await openRoom(again, turnServer, room);
    const item = again.getByRole('article').filter({ hasText: 'do not alter me' });
    await expect(item.getByRole('alert')).toHaveText(/Image rejected: .*altered/, {
      timeout: 30_000,
    });
    await expect(item.locator('img.message-image')).toHaveCount(0);

    // Gone from the server too (expired): the message says so and what to do.
    await again.unroute('**/blobs/*');
    await again.route('**/blobs/*', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"code":"NOT_FOUND"}' }),
    );
    await openRoom(again, turnServer, room);
    await expect(item.getByRole('alert')).toHaveText(
      /Image unavailable: no one online has it and the server copy expired/,
      { timeout: 30_000 },
    );
  },
);

test('a huge image is scaled down to 2048 px before it is sent, after a preview', async ({
  yam,
  newDevice,
}) => {
  const a = await newDevice();
  await openRoom(a, yam, 'images-big');
  await a.getByLabel('Image to send').setInputFiles({
    name: 'wide.png',
    mimeType: 'image/png',
    buffer: png(3000, 1000),
  });
  const preview = a.getByRole('dialog', { name: 'Send image' });
  const shown = preview.getByRole('img', { name: 'Preview' });
  await expect(shown).toBeVisible();
  expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2048);
  await preview.getByRole('textbox', { name: 'Caption' }).fill('very wide');
  await preview.getByRole('button', { name: 'Send' }).click();
  const sent = shownImage(a, 'very wide');
  await expect(sent).toBeVisible();
  expect(
    await sent.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
  ).toEqual([2048, 683]);
});
