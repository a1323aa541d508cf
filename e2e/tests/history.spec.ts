import { serveAppShellFromDisk } from '../fixtures/app-shell.ts';
import { Seeder } from '../fixtures/seed.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

test('a reload shows the history from IndexedDB, also while the server is down', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await openRoom(page, yam, 'diary', 'Diary');
  for (const text of ['first entry', 'second entry', 'third entry']) {
    await sendMessage(page, text);
    await expect(bubble(page, text).getByRole('img', { name: 'Sent' })).toBeVisible();
  }
  await page.reload();
  await expect(bubble(page, 'first entry')).toBeVisible();
  await expect(bubble(page, 'third entry')).toBeVisible();

  await yam.stop();
  await serveAppShellFromDisk(page.context(), yam.url);
  await page.reload();
  // No server: what shows comes from this browser's store.
  await expect(page.getByRole('status').filter({ hasText: /Offline|Connecting/ })).toBeVisible();
  for (const text of ['first entry', 'second entry', 'third entry']) {
    await expect(bubble(page, text).getByRole('img', { name: 'Sent' })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Diary' })).toBeVisible();
});

// Seeding hundreds of messages at the default 20 frames/s would take most of a minute.
const FAST = {
  connectionRatePerSec: 5_000,
  connectionBurst: 5_000,
  ipRatePerSec: 5_000,
  ipBurst: 5_000,
};

test('the newest message shows first, scrolling up reaches the oldest, the DOM stays small', async ({
  newDevice,
}) => {
  const yam = await YamTestServer.start({ limits: FAST });
  const writer = (
    await Seeder.start(yam.url, 'long-room', { rate: { perSec: 4_000, burst: 4_000 } })
  ).acceptAll();
  try {
    // A reader can only read what is sent after it joined (end-to-end encryption).
    const reader = await newDevice();
    await openRoom(reader, yam, 'long-room');
    const total = 600;
    const lines = Array.from({ length: total }, (_, i) => `line ${i + 1}`);
    await writer.send(lines, 'Writer');
    await expect(reader.getByText(`line ${total}`, { exact: true })).toBeInViewport({
      timeout: 30_000,
    });
    // Virtualised: only rows near the view are in the DOM.
    expect(await reader.getByRole('article').count()).toBeLessThan(60);

    const list = reader.getByRole('log', { name: 'Messages' });
    const target = reader.getByText('line 1', { exact: true });
    await expect(async () => {
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      await expect(target).toBeInViewport({ timeout: 300 });
    }).toPass({ timeout: 30_000, intervals: [100] });
    expect(await reader.getByRole('article').count()).toBeLessThan(60);

    // Back at the bottom, a new message still arrives live and is followed.
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await writer.send(['fresh news'], 'Writer');
    await expect(reader.getByText('fresh news', { exact: true })).toBeInViewport();
  } finally {
    await writer.close();
    await yam.dispose();
  }
});
