import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, expect, openRoom, test } from '../fixtures/yam-test.ts';

const SHOTS = '/tmp/shots-previews';

// A 1x1 PNG for og:image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The linked site: a local page that logs every request it gets, with its User-Agent. */
async function startSite() {
  const log: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    log.push({ path: req.url ?? '', headers: req.headers });
    if (req.url === '/image.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      return;
    }
    const name = req.url === '/other' ? 'Another page' : 'The Yam Field Guide';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
      <html><head><title>${name}</title>
      <meta property="og:title" content="${name}">
      <meta property="og:description" content="Everything about growing yams at home, from seed to harvest.">
      <meta property="og:site_name" content="Yam Gardens">
      <meta property="og:image" content="/image.png">
      </head><body><p>Hello</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The server may fetch the local test site only because of this test-only option.
const withPreviews = test.extend<{ previewServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  previewServer: async ({}, use) => {
    const server = await YamTestServer.start({ linkPreviews: { allowLoopback: true } });
    await use(server);
    await server.dispose();
  },
});

async function turnPreviewsOn(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  const toggle = dialog.getByRole('checkbox', { name: /Link previews/ });
  await expect(toggle).not.toBeChecked();
  await expect(dialog.getByText("Yam's server will fetch links you paste")).toBeVisible();
  await toggle.check();
  await toggle.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/profile-toggle.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

withPreviews(
  "Alice's preview travels inside the message: Bob sees the card and never fetches the link",
  async ({ previewServer, newDevice }) => {
    const site = await startSite();
    try {
      const room = 'previews-room';
      const alice = await newDevice({ name: 'Alice' });
      const bob = await newDevice({ name: 'Bob' });
      await openRoom(alice, previewServer, room);
      await openRoom(bob, previewServer, room);
      const bobAsked: string[] = [];
      bob.on('request', (r) => {
        if (r.url().includes(`:${site.port}`)) bobAsked.push(r.url());
      });

      await turnPreviewsOn(alice);
      const field = alice.getByRole('textbox', { name: 'Message' });
      await field.fill(`Look at this ${site.url('/guide')}`);
      const card = alice.locator('form.composer').getByTestId('link-preview');
      await expect(card.getByText('The Yam Field Guide')).toBeVisible();
      await expect(card.getByText('Yam Gardens')).toBeVisible();
      await expect(card.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
      await alice.setViewportSize({ width: 1280, height: 800 });
      await alice.screenshot({ path: `${SHOTS}/composer-1280.png` });
      await field.press('Enter');

      const bobCard = bubble(bob, 'Look at this').getByTestId('link-preview');
      await expect(bobCard.getByText('The Yam Field Guide')).toBeVisible();
      await expect(bobCard.getByText(/growing yams at home/)).toBeVisible();
      await expect(bobCard.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
      await expect(bubble(alice, 'Look at this').getByTestId('link-preview')).toBeVisible();
      await bob.setViewportSize({ width: 1280, height: 800 });
      await bob.screenshot({ path: `${SHOTS}/bubble-1280.png` });
      await bob.setViewportSize({ width: 390, height: 844 });
      await bob.screenshot({ path: `${SHOTS}/bubble-390.png` });

      // The site saw the Yam server's fetcher only: the page once, its image once.
      expect(site.log.map((r) => r.path)).toEqual(['/guide', '/image.png']);
      for (const r of site.log) {
        expect(r.headers['user-agent']).toBe('YamPreview/1');
        expect(r.headers.cookie).toBeUndefined();
        expect(r.headers.referer).toBeUndefined();
      }
      expect(bobAsked).toEqual([]);

      // "Remove preview": the message goes without a card.
      await alice.setViewportSize({ width: 390, height: 844 });
      await field.fill(`And this one ${site.url('/other')}`);
      await expect(card.getByText('Another page')).toBeVisible();
      await alice.screenshot({ path: `${SHOTS}/composer-390.png` });
      await card.getByRole('button', { name: 'Remove preview' }).click();
      await expect(card).toBeHidden();
      await field.press('Enter');
      await expect(bubble(bob, 'And this one')).toBeVisible();
      await expect(bubble(bob, 'And this one').getByTestId('link-preview')).toHaveCount(0);
      await expect(bubble(alice, 'And this one').getByTestId('link-preview')).toHaveCount(0);
      expect(site.log.every((r) => r.headers['user-agent'] === 'YamPreview/1')).toBe(true);
      expect(bobAsked).toEqual([]);

      // A link into a private network gets no preview, and says so in words; it still sends.
      await field.fill('Router page http://192.168.1.1/admin');
      const refusal = alice.locator('form.composer').getByText(/No preview: Yam does not fetch/);
      await expect(refusal).toBeVisible();
      await alice.screenshot({ path: `${SHOTS}/composer-refused-390.png` });
      await field.press('Enter');
      await expect(bubble(bob, 'Router page')).toBeVisible();
      await expect(bubble(bob, 'Router page').getByTestId('link-preview')).toHaveCount(0);
      await expect(refusal).toBeHidden();
    } finally {
      await site.close();
    }
  },
);

test('the Link previews setting is hidden when the server does not offer previews', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await openRoom(page, yam, 'no-previews');
  await page.getByRole('button', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  await expect(dialog.getByRole('checkbox', { name: 'Send read receipts' })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /Link previews/ })).toHaveCount(0);
});
