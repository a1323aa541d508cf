import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@yam/server';
import { WEB_ROOT } from '../fixtures/yam-server.ts';
import { expect, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

/** An IPv4 address of this machine that is not loopback: browsers treat it as insecure. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  return undefined;
}

test('over plain http from an IP address, the app says what is wrong and the command that fixes it', async ({
  newDevice,
}) => {
  const ip = lanAddress();
  if (!ip) console.log('skipped: this machine has no non-loopback IPv4 address');
  test.skip(!ip, 'no non-loopback IPv4 address on this machine');
  const dataDir = await mkdtemp(join(tmpdir(), 'yam-e2e-'));
  const server = await startServer({
    host: ip!,
    port: 0,
    dataDir,
    webRoot: WEB_ROOT,
    logLevel: 'silent',
  });
  try {
    const page = await newDevice();
    const origin = `http://${ip}:${server.port}`;
    await page.goto(`${origin}/`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    const screen = page.getByRole('main');
    await expect(
      screen.getByRole('heading', { name: 'This page is not secure, so Yam cannot start' }),
    ).toBeVisible();
    await expect(screen).toContainText(`You opened ${origin}: plain http`);
    await expect(screen).toContainText('the cryptography Yam needs');
    await expect(screen.locator('pre')).toHaveText(`./yam serve --domain ${ip}`);
    await expect(screen).toContainText(`Then open https://${ip}/.`);
    await expect(screen).toContainText('https reverse proxy');
    // Nothing of the app starts underneath (no library error after "Create room").
    await expect(page.getByRole('button', { name: /Create room/ })).toHaveCount(0);

    await page.screenshot({ path: `${SCREENSHOTS}not-secure-desktop.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(screen.locator('pre')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}not-secure-phone.png`, fullPage: true });
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('over plain http from a host name, the fix names that host', async ({ playwright }) => {
  // A name that is not localhost, resolved to this machine by the browser alone.
  const browser = await playwright.chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP chat.yam.test 127.0.0.1'],
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'yam-e2e-'));
  const port = await freePort();
  const origin = `http://chat.yam.test:${port}`;
  // Its one public origin: the server answers to that name and no other.
  const server = await startServer({
    host: '127.0.0.1',
    port,
    publicUrl: `${origin}/`,
    dataDir,
    webRoot: WEB_ROOT,
    logLevel: 'silent',
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const screen = page.getByRole('main');
    await expect(screen.getByRole('heading', { level: 1 })).toHaveText(
      'This page is not secure, so Yam cannot start',
    );
    await expect(screen).toContainText(`You opened ${origin}: plain http`);
    await expect(screen).toContainText('starts it with https, under this name:');
    await expect(screen.locator('pre')).toHaveText('./yam serve --domain chat.yam.test');
    await expect(screen).toContainText('Then open https://chat.yam.test/.');
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
