import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer } from '@yam/server';
import { WEB_ROOT } from '../fixtures/yam-server.ts';
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

test("Chromium's own check finds Yam installable", async ({ yam, newDevice }) => {
  const page = await newDevice();
  await openRoom(page, yam, 'install-room', 'Weekend plans');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Test contexts are incognito profiles, where Chromium never installs: that one is ours to ignore.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
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

test('a new version waits for "Reload to update" and never reloads by itself', async ({
  newDevice,
}) => {
  // Its own copy of the built app, so the "next deploy" below reaches no other test's server.
  const root = await mkdtemp(join(tmpdir(), 'yam-e2e-web-'));
  await cp(WEB_ROOT, root, { recursive: true });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(root, '.data'),
    webRoot: root,
    logLevel: 'silent',
  });
  try {
    const page = await newDevice();
    await page.goto(`${server.url}/?room=update-room&name=Weekend%20plans`);
    await page
      .getByRole('dialog', { name: 'Add room' })
      .getByRole('button', { name: 'Connect' })
      .click();
    const online = page.getByRole('status').filter({ hasText: 'Online' });
    await expect(online).toBeVisible();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(online).toBeVisible();
    await page.getByRole('textbox', { name: 'Message' }).fill('half-written words');
    // The next deploy: the same worker with different bytes.
    await deployWorker(root, '\n// next version\n');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Yam is ready.' });
    await expect(banner).toBeVisible();
    // Nothing reloaded: the words are still there.
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('half-written words');
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await expect(banner).toBeHidden();
    await expect(online).toBeVisible();
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('browser notifications: asked only on "Turn on notifications"; a hidden tab notifies, a click opens the room', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  // Records what the page asks of the Notification API (the browser's own popups are not
  // reachable from a test) and lets the test hide the tab.
  await bob.addInitScript(() => {
    const w = window as unknown as {
      __asked: number;
      __notes: { title: string; body: string; click(): void }[];
      __hidden: boolean;
    };
    w.__asked = 0;
    w.__notes = [];
    w.__hidden = false;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission() {
        w.__asked++;
        FakeNotification.permission = 'granted';
        return 'granted' as const;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        w.__notes.push({ title, body: options.body, click: () => this.onclick?.() });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification });
    Object.defineProperty(document, 'visibilityState', {
      get: () => (w.__hidden ? 'hidden' : 'visible'),
    });
  });
  await openRoom(alice, yam, 'notify-a', 'Weekend plans');
  await openRoom(bob, yam, 'notify-a', 'Weekend plans');
  await openRoom(bob, yam, 'notify-b', 'Chores');
  expect(await bob.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);

  await bob.getByRole('button', { name: 'Profile' }).click();
  await bob.getByRole('button', { name: 'Turn on notifications' }).click();
  await expect(bob.getByText('Notifications are on for this browser.')).toBeVisible();
  expect(await bob.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
  await bob.keyboard.press('Escape');

  await bob.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sendMessage(alice, 'are we still on for saturday?');
  const notes = () =>
    bob.evaluate(() =>
      (window as unknown as { __notes: { title: string; body: string }[] }).__notes.map(
        (n) => `${n.title}|${n.body}`,
      ),
    );
  await expect
    .poll(notes)
    .toEqual([expect.stringMatching(/ in Weekend plans\|are we still on for saturday\?$/)]);
  await expect(bob).toHaveTitle('(1) Chores · Yam');

  // The click opens the room; then "Notify me: Nothing" silences it.
  await bob.evaluate(() => {
    (window as unknown as { __notes: { click(): void }[] }).__notes[0]!.click();
  });
  await expect(bob).toHaveTitle(/^Weekend plans · Yam$/);
  await bob.getByRole('button', { name: 'Room settings' }).click();
  await bob.getByLabel('Notify me').selectOption({ label: 'Nothing' });
  await bob.keyboard.press('Escape');
  await bob.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sendMessage(alice, 'hello?');
  // Counted in the title (it arrived while hidden), but no notification.
  await expect(bob).toHaveTitle('(1) Weekend plans · Yam');
  expect(await notes()).toHaveLength(1);
});

/** Appends `extra` to the built worker in `root` (and its .br/.gz, which the server prefers). */
async function deployWorker(root: string, extra: string): Promise<void> {
  const raw = Buffer.concat([await readFile(join(root, 'sw.js')), Buffer.from(extra)]);
  await writeFile(join(root, 'sw.js'), raw);
  await writeFile(join(root, 'sw.js.br'), brotliCompressSync(raw));
  await writeFile(join(root, 'sw.js.gz'), gzipSync(raw));
}
