import { createRoom } from '../fixtures/secure-flows.ts';
import { expect, sendMessage, test } from '../fixtures/yam-test.ts';

const SHOTS = '/tmp/shots-speed';

/**
 * Issue 14: the shell paints before the app's code (SDK, MLS, zod) arrives. Here that code
 * is held back on purpose: the page must already show the frame, the room it reopens and a
 * composer that says "Securing…" and cannot send; once the code arrives, the composer works.
 */
test('the shell paints the room and a "Securing…" composer before the app code arrives', async ({
  yam,
  newDevice,
}) => {
  // The service worker would serve the held-back chunk from its cache.
  const page = await newDevice({ serviceWorkers: 'block' });
  await createRoom(page, yam.url, 'Shell room');
  await sendMessage(page, 'before the reload');

  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const requested: string[] = [];
  await page.context().route(/\/assets\/boot-[^/]+\.js$/, async (route) => {
    requested.push(route.request().url());
    await held;
    await route.continue();
  });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.reload();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect(composer).toBeDisabled();
    await expect(composer).toHaveAttribute('placeholder', 'Securing…');
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shell room');
    await expect(page.getByRole('status').filter({ hasText: 'Loading messages…' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/shell-${size.width}x${size.height}.png` });
  }
  // The app's chunk was asked for while the shell showed (preloaded), not after it.
  expect(requested.length).toBeGreaterThan(0);

  release();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeEnabled();
  await expect(page.getByText('before the reload')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/app-390x844.png` });
  await sendMessage(page, 'after the app loaded');
});

test('with no rooms, the shell says it is opening Yam, then the welcome screen takes over', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice({ serviceWorkers: 'block' });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.context().route(/\/assets\/boot-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${yam.url}/`);
  await expect(page.getByRole('status').filter({ hasText: 'Opening Yam…' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/shell-welcome-1280x800.png` });
  release();
  await expect(page.getByRole('button', { name: 'Create room...' })).toBeVisible();
});

test('when the app code cannot load, the page says to check the connection and reload', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice({ serviceWorkers: 'block' });
  await page.context().route(/\/assets\/boot-[^/]+\.js$/, (route) => route.abort());
  await page.goto(`${yam.url}/`);
  await expect(
    page.getByText('Yam could not load. Check your connection, then reload the page.'),
  ).toBeVisible();
});
