import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { expect, openRoom, test } from '../fixtures/yam-test.ts';

/** The repository's starter pack, served by the test server as an operator would. */
const STICKERS = fileURLToPath(new URL('../../stickers', import.meta.url));
const SHOTS = '/tmp/shots-stickers-ui/';

/** Serious and critical axe findings, as "rule: target" lines (empty when clean). */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const withStickers = test.extend<{ stickerServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  stickerServer: async ({}, use) => {
    const server = await YamTestServer.start({ stickersDir: STICKERS });
    await use(server);
    await server.dispose();
  },
});

async function openPicker(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Stickers', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Stickers' });
  await expect(picker).toBeVisible();
  return picker;
}

async function sendSticker(page: Page, name: string) {
  const picker = await openPicker(page);
  await picker.getByRole('searchbox', { name: 'Search stickers' }).fill(name);
  await picker.getByRole('button', { name, exact: true }).click();
  await expect(picker).toBeHidden();
}

function sticker(page: Page, label: string): Locator {
  return page.getByRole('article', { name: new RegExp(`Sticker: ${label}`) });
}

async function openActions(page: Page, message: Locator) {
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  return menu;
}

withStickers(
  'a sticker sent from the picker reaches the other large and without a bubble, reacts, and survives a reload',
  async ({ stickerServer, newDevice }) => {
    const room = 'stickers-basic';
    const a = await newDevice();
    const b = await newDevice();
    await openRoom(a, stickerServer, room);
    await openRoom(b, stickerServer, room);

    // Categories from index.json as tabs; previews load lazily.
    const picker = await openPicker(a);
    const tabs = picker.getByRole('tab');
    await expect(tabs).toHaveText(['Animals', 'Animated', 'Faces', 'Food']);
    await tabs.filter({ hasText: 'Faces' }).click();
    await expect(picker.getByRole('button', { name: 'grinning' })).toBeVisible();
    expect(await picker.locator('img').first().getAttribute('loading')).toBe('lazy');
    await a.screenshot({ path: `${SHOTS}picker-1280.png` });
    expect(await axeFindings(a), 'sticker picker').toEqual([]);
    await a.keyboard.press('Escape');
    await expect(picker).toBeHidden();

    await sendSticker(a, 'cat');
    const atB = sticker(b, 'cat');
    await expect(atB).toBeVisible();
    const image = atB.locator('img.sticker-image');
    await expect(image).toHaveAttribute('src', /\/stickers\/h\/[A-Za-z0-9_-]{43}\.svg$/);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    // Large: about 160 px wide, and no bubble behind it.
    const box = await image.boundingBox();
    expect(box?.width).toBeGreaterThan(120);
    const bg = await atB.locator('.bubble').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgba(0, 0, 0, 0)');
    await b.screenshot({ path: `${SHOTS}sticker-message-1280.png` });
    expect(await axeFindings(b), 'sticker message').toEqual([]);

    // Reactions work on it as on text.
    const menu = await openActions(b, atB);
    await menu.getByRole('menuitem', { name: 'React' }).click();
    await b
      .getByRole('dialog', { name: 'Pick a reaction' })
      .getByRole('button', { name: 'thumbs up' })
      .first()
      .click();
    await expect(sticker(a, 'cat').getByRole('button', { name: /👍/ })).toBeVisible();

    // "Recently used" comes first the next time.
    const again = await openPicker(a);
    await expect(again.getByRole('tab').first()).toHaveText('Recently used');
    await expect(again.getByRole('tab').first()).toHaveAttribute('aria-selected', 'true');
    await expect(again.getByRole('button', { name: 'cat', exact: true })).toBeVisible();
    await a.keyboard.press('Escape');

    await b.reload();
    await expect(sticker(b, 'cat').locator('img.sticker-image')).toBeVisible();
  },
);

withStickers(
  'an animated GIF sticker plays, shows still with reduced motion until clicked, and a library without it shows a card',
  async ({ stickerServer, newDevice }) => {
    const room = 'stickers-gif';
    const a = await newDevice();
    const b = await newDevice();
    const c = await newDevice();
    await openRoom(a, stickerServer, room);
    await openRoom(b, stickerServer, room);
    await openRoom(c, stickerServer, room);
    await b.emulateMedia({ reducedMotion: 'reduce' });
    // C's server lacks the sticker's file (another server's library, say).
    await c.route('**/stickers/h/*.gif', (route) => route.fulfill({ status: 404, body: '' }));

    await sendSticker(a, 'party popper');
    const atA = sticker(a, 'party popper').locator('img.sticker-image');
    await expect(atA).toHaveAttribute('src', /\.gif$/);
    await expect(atA).toHaveAttribute('data-still', 'false');

    const atB = sticker(b, 'party popper');
    const play = atB.getByRole('button', { name: 'Play animated sticker: party popper' });
    await expect(play).toBeVisible();
    await expect(play.locator('img')).toHaveAttribute('src', /\.webp$/);
    await expect(play.locator('img')).toHaveAttribute('data-still', 'true');
    await b.screenshot({ path: `${SHOTS}sticker-still-1280.png` });
    await play.click();
    await expect(atB.locator('img.sticker-image')).toHaveAttribute('src', /\.gif$/);

    await expect(sticker(c, 'party popper').getByText('Sticker: party popper')).toBeVisible();
    await expect(sticker(c, 'party popper').locator('img')).toHaveCount(0);
  },
);

withStickers('the picker is a bottom sheet on a phone', async ({ stickerServer, newDevice }) => {
  const a = await newDevice();
  await a.setViewportSize({ width: 390, height: 844 });
  await openRoom(a, stickerServer, 'stickers-phone');
  const picker = await openPicker(a);
  await expect(picker.getByRole('button', { name: 'cat', exact: true })).toBeVisible();
  const box = await picker.boundingBox();
  expect(box?.width).toBeGreaterThan(340);
  await a.screenshot({ path: `${SHOTS}picker-390.png` });
  await picker.getByRole('button', { name: 'cat', exact: true }).click();
  await expect(sticker(a, 'cat').locator('img.sticker-image')).toBeVisible();
  await a.screenshot({ path: `${SHOTS}sticker-message-390.png` });
});

withStickers(
  'a GIF image message shows its first frame under reduced motion and plays on click',
  async ({ stickerServer, newDevice }) => {
    const room = 'stickers-gif-image';
    const a = await newDevice();
    const b = await newDevice();
    await openRoom(a, stickerServer, room);
    await openRoom(b, stickerServer, room);
    await b.emulateMedia({ reducedMotion: 'reduce' });

    await a.getByLabel('Image to send').setInputFiles({
      name: 'party.gif',
      mimeType: 'image/gif',
      buffer: await readFile(`${STICKERS}/animated/party-popper.gif`),
    });
    const preview = a.getByRole('dialog', { name: 'Send image' });
    await preview.getByRole('textbox', { name: 'Caption' }).fill('confetti time');
    await preview.getByRole('button', { name: 'Send' }).click();
    // The sender (no reduced motion) sees it play: an <img> of the GIF itself.
    await expect(
      a.getByRole('article', { name: /confetti time/ }).locator('img.message-image'),
    ).toBeVisible();

    const atB = b.getByRole('article', { name: /confetti time/ });
    const play = atB.getByRole('button', { name: 'Play GIF: confetti time' });
    await expect(play).toBeVisible({ timeout: 30_000 });
    await expect(play.locator('canvas[data-still="true"]')).toBeVisible();
    // The first frame was drawn: the canvas is not blank.
    await expect
      .poll(() =>
        play.locator('canvas').evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
          return Array.prototype.some.call(data, (v: number) => v !== 0);
        }),
      )
      .toBe(true);
    await play.click();
    await expect(atB.locator('img.message-image')).toBeVisible();
  },
);
