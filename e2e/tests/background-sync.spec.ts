import type { CDPSession } from '@playwright/test';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

/** The service worker registration of `origin`, as Chromium's DevTools protocol names it. */
async function registrationOf(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

test('a message written offline goes out by Background Sync after the tab was closed, once', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'bg-sync', 'Trains');
  await openRoom(bob, yam, 'bg-sync', 'Trains');
  await alice.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const context = alice.context();
  const origin = new URL(yam.url).origin;
  const tag = `yam-outbox ${origin}`;

  // Offline: Chromium's emulation leaves an open WebSocket alone, so the server goes first.
  await yam.stop();
  await expect(alice.getByRole('status').filter({ hasText: /Offline/ })).toBeVisible();
  await context.setOffline(true);
  await sendMessage(alice, 'written on the train');
  // Waiting: a clock on the bubble, and the outbox's sync asked of the browser.
  await expect(
    bubble(alice, 'written on the train').getByRole('img', { name: 'Sending' }),
  ).toBeVisible();
  await expect
    .poll(() =>
      alice.evaluate(async () => {
        const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
          sync: { getTags(): Promise<string[]> };
        };
        return reg.sync.getTags();
      }),
    )
    .toContain(tag);

  // Every tab of the app closes; a blank page keeps the browser context (and DevTools) alive.
  const blank = await context.newPage();
  await alice.close();
  await yam.start();
  await context.setOffline(false);
  const cdp = await context.newCDPSession(blank);
  const registrationId = await registrationOf(cdp, origin);
  // What Chromium does when the network is back: the worker's `sync` event.
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId,
    tag,
    lastChance: false,
  });
  await expect(bubble(bob, 'written on the train')).toHaveCount(1, { timeout: 30_000 });

  // Opened again, the app finds the message stored (a tick) and sends it no second time.
  const again = await context.newPage();
  await openRoom(again, yam, 'bg-sync', 'Trains');
  await expect(
    bubble(again, 'written on the train').getByRole('img', { name: 'Sent' }),
  ).toBeVisible({ timeout: 30_000 });
  await sendMessage(again, 'and back home');
  await expect(bubble(bob, 'and back home')).toBeVisible();
  await expect(bubble(bob, 'written on the train')).toHaveCount(1);
});
