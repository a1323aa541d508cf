import type { Page } from '@playwright/test';
import { setName } from '../fixtures/secure-flows.ts';
import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

const PLAN = 'The picnic moves to Sunday, bring a blanket';

async function openSearch(page: Page) {
  await page.getByRole('button', { name: 'Search messages' }).click();
  const panel = page.getByRole('dialog', { name: 'Search messages' });
  await expect(panel).toBeVisible();
  return panel;
}

test('search finds a message on this device, in one room or all, and jumps to it after a reload', async ({
  yam,
  newDevice,
}) => {
  test.setTimeout(90_000);
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'search-room', 'Picnic');
  await openRoom(bob, yam, 'search-room', 'Picnic');
  await setName(alice, 'Alice');

  await sendMessage(alice, PLAN);
  // More than a page (50) after it: after a reload the plan is not loaded until asked for.
  for (let i = 1; i <= 55; i++) await sendMessage(alice, `filler ${i}`);
  await expect(bubble(bob, 'filler 55')).toBeVisible();

  // Bob has a second room where "picnic" comes up too.
  await openRoom(bob, yam, 'work-room', 'Work');
  await sendMessage(bob, 'Picnic budget spreadsheet is ready');
  await openRoom(bob, yam, 'search-room', 'Picnic');

  await bob.reload();
  await expect(bubble(bob, 'filler 55')).toBeVisible();
  await expect(bubble(bob, PLAN)).toHaveCount(0);

  const panel = await openSearch(bob);
  await expect(panel.getByText('never on the server')).toBeVisible();
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill('sunday picn');
  const hit = panel.getByRole('button', { name: /Alice.*picnic moves to Sunday/i });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['picnic', 'Sunday']);
  await bob.setViewportSize({ width: 1280, height: 800 });
  await bob.screenshot({ path: `${SCREENSHOTS}search-1280.png` });

  // This room only by default; "All rooms" finds the other room's message too.
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill('picnic');
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await panel.getByRole('button', { name: 'All rooms' }).click();
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: /Picnic budget spreadsheet/ })).toContainText(
    'Youin Work',
  );

  // Choosing the result loads the older page and brings the message into view, highlighted.
  await panel.getByRole('button', { name: 'This room' }).click();
  await panel.getByRole('button', { name: /picnic moves to Sunday/i }).click();
  const found = bob.getByRole('article', { name: `Alice: ${PLAN}` });
  await expect(found).toBeInViewport();
  await expect(found.locator('.bubble.highlighted')).toBeVisible();

  // Nothing found says so; a result in another room opens that room.
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill('zebra crossing');
  await expect(panel.getByText('No messages match “zebra crossing”.')).toBeVisible();
  await panel.getByRole('button', { name: 'All rooms' }).click();
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill('spreadsheet');
  await panel.getByRole('button', { name: /Picnic budget spreadsheet/ }).click();
  await expect(bob.getByRole('button', { name: /Work/ }).first()).toBeVisible();
  await expect(bubble(bob, 'Picnic budget spreadsheet is ready')).toBeInViewport();

  // On a desktop the panel stays open beside the room; on a phone it covers the screen and
  // steps aside after a choice.
  await bob.setViewportSize({ width: 390, height: 844 });
  const phonePanel = bob.getByRole('dialog', { name: 'Search messages' });
  await expect(phonePanel).toBeVisible();
  await phonePanel.getByRole('searchbox', { name: 'Search messages' }).fill('blanket');
  const blanket = phonePanel.getByRole('button', { name: /bring a blanket/ });
  await expect(blanket).toBeVisible();
  await expect(phonePanel.getByRole('listitem')).toHaveCount(1);
  await bob.screenshot({ path: `${SCREENSHOTS}search-390.png` });
  await blanket.click();
  await expect(phonePanel).toBeHidden();
  await expect(bob.getByRole('article', { name: `Alice: ${PLAN}` })).toBeInViewport();
});

test('[issue 11] a search result inside a thread opens the thread with the reply highlighted', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await alice.setViewportSize({ width: 1280, height: 800 });
  await bob.setViewportSize({ width: 1280, height: 800 });
  await openRoom(alice, yam, 'thread-search', 'Dinner');
  await openRoom(bob, yam, 'thread-search', 'Dinner');
  await setName(alice, 'Alice');
  await sendMessage(alice, 'Where shall we eat tonight?');
  const root = bubble(alice, 'Where shall we eat tonight?');
  await root.hover();
  await root.getByRole('button', { name: 'Message actions' }).click();
  await alice.getByRole('menuitem', { name: 'Reply in thread' }).click();
  const field = alice
    .getByRole('complementary', { name: 'Thread' })
    .getByRole('textbox', { name: 'Reply in thread' });
  await field.fill('The noodle bar on Quarry Lane');
  await field.press('Enter');
  await expect(
    bubble(bob, 'Where shall we eat tonight?').getByRole('button', { name: '1 reply' }),
  ).toBeVisible();

  const panel = await openSearch(bob);
  await panel.getByRole('searchbox', { name: 'Search messages' }).fill('quarry');
  await panel.getByRole('button', { name: /noodle bar on Quarry Lane/ }).click();
  const thread = bob.getByRole('complementary', { name: 'Thread' });
  await expect(thread).toBeVisible();
  const reply = thread.getByRole('article', { name: 'Alice: The noodle bar on Quarry Lane' });
  await expect(reply).toBeInViewport();
  await expect(reply.locator('.bubble.highlighted')).toBeVisible();
});
