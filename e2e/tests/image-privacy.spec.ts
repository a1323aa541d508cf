import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

// Peers connect over loopback in tests; the blob cap is small so an animation can exceed it.
const withServer = test.extend<{ server: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  server: async ({}, use) => {
    const server = await YamTestServer.start({
      turn: { port: 0, allowLoopbackPeers: true },
      limits: { maxBlobBytes: 96 * 1024 },
    });
    await use(server);
    await server.dispose();
  },
});

/** A noisy "photo" with the camera's make and a GPS position in its EXIF. */
async function photoWithGps(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'CanonCam', Model: 'EOS Secret' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2637/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3952/100',
      },
    })
    .toBuffer();
}

/** The bytes the receiver decrypted: saved with the viewer's Download, as a person would. */
async function downloadShown(page: Page, caption: string): Promise<Buffer> {
  const open = page.getByRole('button', { name: `Open image full screen: ${caption}` });
  await expect(open).toBeVisible({ timeout: 30_000 });
  await open.click();
  const viewer = page.getByRole('dialog', { name: `Image: ${caption}` });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    viewer.getByRole('link', { name: 'Download' }).click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  return Buffer.concat(chunks);
}

withServer(
  'a photo arrives without its location or camera, made smaller; the viewer zooms and downloads',
  async ({ server, newDevice }) => {
    const alice = await newDevice();
    const bob = await newDevice();
    await openRoom(alice, server, 'photos', 'Photos');
    await openRoom(bob, server, 'photos', 'Photos');

    const original = await photoWithGps(3000, 2000);
    expect(original.toString('latin1')).toContain('CanonCam');
    await alice
      .getByLabel('Image to send')
      .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
    const preview = alice.getByRole('dialog', { name: 'Send image' });
    await expect(preview.getByText('Location and camera details removed')).toBeVisible();
    const sizes = (await preview.locator('.image-sizes').textContent()) ?? '';
    console.log(`image sizes (3000×2000 JPEG, server cap 96 KiB): ${sizes}`);
    expect(sizes).toContain('→');
    await preview.getByRole('textbox', { name: 'Caption' }).fill('the harbour');
    await preview.getByRole('button', { name: 'Send' }).click();

    const received = await downloadShown(bob, 'the harbour');
    const text = received.toString('latin1');
    expect(text).not.toContain('CanonCam');
    expect(text).not.toContain('EOS Secret');
    expect(text).not.toContain('Exif');
    const meta = await sharp(received).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(2048);
    expect(received.length).toBeLessThanOrEqual(96 * 1024);

    // A small photo is not redrawn (no quality lost), yet its EXIF goes too.
    const small = await photoWithGps(400, 300);
    await alice
      .getByLabel('Image to send')
      .setInputFiles({ name: 'small.jpg', mimeType: 'image/jpeg', buffer: small });
    await expect(preview.locator('.image-sizes')).not.toContainText('→');
    await preview.getByRole('textbox', { name: 'Caption' }).fill('the pier');
    await preview.getByRole('button', { name: 'Send' }).click();
    const smallReceived = await downloadShown(bob, 'the pier');
    expect(smallReceived.toString('latin1')).not.toContain('CanonCam');
    expect((await sharp(smallReceived).metadata()).exif).toBeUndefined();
    expect(await sharp(smallReceived).raw().toBuffer()).toEqual(
      await sharp(small).raw().toBuffer(),
    );

    // Full screen: zoom in and out, a download link, Escape closes.
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await bob.setViewportSize(size);
      await bob.getByRole('button', { name: 'Open image full screen: the harbour' }).click();
      const viewer = bob.getByRole('dialog', { name: 'Image: the harbour' });
      await expect(viewer).toBeVisible();
      await viewer.getByRole('button', { name: 'Zoom in' }).click();
      await expect(
        viewer.getByRole('status', { name: 'Zoom' }).or(viewer.locator('output')),
      ).toHaveText('150%');
      await expect(viewer.getByRole('link', { name: 'Download' })).toHaveAttribute(
        'download',
        /^yam-image-\d{4}-\d\d-\d\d\.(jpg|webp)$/,
      );
      await bob.screenshot({ path: `${SCREENSHOTS}image-viewer-${size.width}.png` });
      await bob.keyboard.press('Escape');
      await expect(viewer).toBeHidden();
    }
  },
);

withServer(
  'an animation too big for the server is offered as a file instead',
  async ({ server, newDevice }) => {
    const alice = await newDevice();
    const bob = await newDevice();
    await openRoom(alice, server, 'gifs', 'Gifs');
    await openRoom(bob, server, 'gifs', 'Gifs');
    const frames = await Promise.all(
      Array.from({ length: 6 }, (_, f) => {
        const noise = Buffer.alloc(200 * 200 * 3);
        for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256) ^ f;
        return sharp(noise, { raw: { width: 200, height: 200, channels: 3 } })
          .png()
          .toBuffer();
      }),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif({ delay: Array(6).fill(100) })
      .toBuffer();
    expect(gif.length).toBeGreaterThan(96 * 1024);
    await alice
      .getByLabel('Image to send')
      .setInputFiles({ name: 'noise.gif', mimeType: 'image/gif', buffer: gif });
    const alert = alice.getByRole('alert').filter({ hasText: 'bigger than this server takes' });
    await expect(alert).toContainText('send it as a file');
    await alert.getByRole('button', { name: 'Send as a file' }).click();
    await expect(alert).toBeHidden();
    await expect(bob.getByRole('region', { name: 'File transfers' })).toBeVisible({
      timeout: 30_000,
    });
  },
);
