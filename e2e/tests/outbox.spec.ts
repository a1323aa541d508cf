import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

test('a message written while the server is down is sent when it is back', async ({
  yam,
  newDevice,
}) => {
  const writer = await newDevice();
  const reader = await newDevice();
  await openRoom(writer, yam, 'patience');
  await openRoom(reader, yam, 'patience');

  await yam.stop();
  // The header says when the SDK tries again (its status.retryAt), counting down.
  await expect(
    writer.getByRole('status').filter({ hasText: /Offline — retrying (in \d+ s|now)/ }),
  ).toBeVisible();
  await sendMessage(writer, 'sent into the void');
  // Queued: shown at once, with a clock instead of a tick.
  const mine = bubble(writer, 'sent into the void');
  await expect(mine.getByRole('img', { name: 'Sending' })).toBeVisible();

  await yam.start();
  await expect(writer.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({
    timeout: 40_000,
  });
  await expect(mine.getByRole('img', { name: 'Sent' })).toBeVisible();
  await expect(bubble(reader, 'sent into the void')).toBeVisible({ timeout: 40_000 });
  await expect(bubble(writer, 'sent into the void')).toHaveCount(1);
});

test('the outbox survives a reload while offline', async ({ yam, newDevice }) => {
  const { serveAppShellFromDisk } = await import('../fixtures/app-shell.ts');
  const writer = await newDevice();
  await openRoom(writer, yam, 'patience-2');
  // The reader joins first: only members at sending time can decrypt (end-to-end encryption).
  const reader = await newDevice();
  await openRoom(reader, yam, 'patience-2');
  await yam.stop();
  await serveAppShellFromDisk(writer.context(), yam.url);
  await sendMessage(writer, 'kept across a reload');
  await expect(
    bubble(writer, 'kept across a reload').getByRole('img', { name: 'Sending' }),
  ).toBeVisible();
  await writer.reload();
  await expect(
    bubble(writer, 'kept across a reload').getByRole('img', { name: 'Sending' }),
  ).toBeVisible();

  // A page served from the test's stand-in cache may not dial loopback (Chromium's local
  // network access checks), so load the app from the restarted server again.
  await writer.context().unrouteAll();
  await yam.start();
  await writer.reload();
  await expect(
    bubble(writer, 'kept across a reload').getByRole('img', { name: 'Sent' }),
  ).toBeVisible({
    timeout: 40_000,
  });
  await expect(bubble(reader, 'kept across a reload')).toHaveCount(1, { timeout: 40_000 });
});
