import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

test('the manifest, icons and service worker are served for installing', async ({ yam }) => {
  const manifest = await fetch(`${yam.url}/manifest.webmanifest`);
  expect(manifest.status).toBe(200);
  expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  // The CSP stays strict on every file, the manifest included.
  expect(manifest.headers.get('content-security-policy')).toContain("script-src 'self'");
  const body = (await manifest.json()) as {
    name: string;
    display: string;
    start_url: string;
    icons: { sizes: string; purpose?: string }[];
  };
  expect(body.name).toBe('Yam');
  expect(body.display).toBe('standalone');
  expect(body.start_url).toBe('./');
  expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(body.icons.some((i) => i.purpose === 'maskable')).toBe(true);

  // A browser checks for a new version on every load: the worker is never cached.
  const sw = await fetch(`${yam.url}/sw.js`);
  expect(sw.status).toBe(200);
  expect(sw.headers.get('cache-control')).toBe('no-cache');
  expect(sw.headers.get('content-type')).toMatch(/javascript/);
  for (const icon of ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) {
    const res = await fetch(`${yam.url}/${icon}`);
    expect(res.headers.get('content-type')).toBe('image/png');
  }
});

test('opened offline, Yam shows its rooms and history from this device', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await openRoom(page, yam, 'offline-room', 'Weekend plans');
  await sendMessage(page, 'kept on this device');
  await expect(
    bubble(page, 'kept on this device').getByRole('img', { name: 'Sent' }),
  ).toBeVisible();
  // The service worker has installed and precached the app shell.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: /Weekend plans/ }).first()).toBeVisible();
  await expect(bubble(page, 'kept on this device')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Offline/ })).toBeVisible();
  await page.context().setOffline(false);
});

test('unread messages show in the tab title', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'title-a', 'Weekend plans');
  await openRoom(bob, yam, 'title-a', 'Weekend plans');
  // Alice opens another room: messages in "Weekend plans" are now unread for her.
  await openRoom(alice, yam, 'title-b', 'Chores');
  await expect(alice).toHaveTitle('Chores · Yam');
  await sendMessage(bob, 'one');
  await sendMessage(bob, 'two');
  await expect(alice).toHaveTitle('(2) Chores · Yam');
});
