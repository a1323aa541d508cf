import type { Page, WebSocket } from '@playwright/test';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

/** Counts the WebSockets a page opens and which of them are still open. */
function watchSockets(page: Page): { open: () => number; opened: () => number } {
  const sockets: WebSocket[] = [];
  const closed = new Set<WebSocket>();
  page.on('websocket', (ws) => {
    sockets.push(ws);
    ws.on('close', () => closed.add(ws));
  });
  page.on('close', () => {
    for (const ws of sockets) closed.add(ws);
  });
  return { open: () => sockets.length - closed.size, opened: () => sockets.length };
}

/** How many bubbles show exactly this text (a repeated message shows twice). */
function countBubbles(page: Page, text: string) {
  return page.getByRole('article').filter({ hasText: text }).count();
}

test('two tabs share one connection; closing the holding tab hands it over without losing or repeating a message', async ({
  yam,
  newDevice,
}) => {
  // Three tabs and a second person, each step waiting on the others: more than the default.
  test.setTimeout(120_000);
  const first = await newDevice();
  const bob = await newDevice();
  const firstSockets = watchSockets(first);
  await openRoom(first, yam, 'tabs-room', 'Tabs');
  await openRoom(bob, yam, 'tabs-room', 'Tabs');

  // A second tab of the same browser (same storage, same device) opens the same room.
  const second = await first.context().newPage();
  const secondSockets = watchSockets(second);
  await second.goto(`${yam.url}/?room=tabs-room`);
  await expect(second.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(second.getByRole('textbox', { name: 'Message' })).toBeEnabled();

  // Both tabs work over the first tab's one WebSocket.
  await sendMessage(second, 'sent from the second tab');
  await expect(bubble(bob, 'sent from the second tab')).toBeVisible();
  await expect(bubble(first, 'sent from the second tab')).toBeVisible();
  await expect(
    bubble(second, 'sent from the second tab').getByRole('img', { name: 'Sent' }),
  ).toBeVisible();
  await sendMessage(first, 'sent from the first tab');
  await expect(bubble(bob, 'sent from the first tab')).toBeVisible();
  await expect(bubble(second, 'sent from the first tab')).toBeVisible();
  await sendMessage(bob, 'bob says hello to both');
  await expect(bubble(first, 'bob says hello to both')).toBeVisible();
  await expect(bubble(second, 'bob says hello to both')).toBeVisible();
  expect(firstSockets.open()).toBe(1);
  expect(secondSockets.opened()).toBe(0);

  // The holding tab closes: the second takes the connection over, from the same stored state.
  await first.close();
  await expect(second.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await sendMessage(bob, 'bob after the handover');
  await expect(bubble(second, 'bob after the handover')).toBeVisible();
  await sendMessage(second, 'second tab after the handover');
  await expect(bubble(bob, 'second tab after the handover')).toBeVisible();
  await expect(
    bubble(second, 'second tab after the handover').getByRole('img', { name: 'Sent' }),
  ).toBeVisible();
  expect(secondSockets.open()).toBe(1);

  // Nothing lost, nothing twice, in either place.
  for (const text of [
    'sent from the second tab',
    'sent from the first tab',
    'bob says hello to both',
    'bob after the handover',
    'second tab after the handover',
  ]) {
    await expect.poll(() => countBubbles(second, text)).toBe(1);
    await expect.poll(() => countBubbles(bob, text)).toBe(1);
  }

  // A third tab, opened after the handover, joins the new holder and reads everything once.
  const third = await second.context().newPage();
  const thirdSockets = watchSockets(third);
  await third.goto(`${yam.url}/?room=tabs-room`);
  await expect(bubble(third, 'second tab after the handover')).toBeVisible();
  await expect.poll(() => countBubbles(third, 'sent from the first tab')).toBe(1);
  await sendMessage(third, 'third tab');
  await expect(bubble(bob, 'third tab')).toBeVisible();
  await expect(bubble(second, 'third tab')).toBeVisible();
  expect(thirdSockets.opened()).toBe(0);
  expect(secondSockets.open()).toBe(1);
});
