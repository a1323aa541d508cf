import type { Locator, Page } from '@playwright/test';
import { setName } from '../fixtures/secure-flows.ts';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

async function openActions(page: Page, message: Locator) {
  await message.scrollIntoViewIfNeeded();
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  return menu;
}

const ROOT = 'Which cake for Friday?';

test('threads: a side panel on a desktop, a full view on a phone, replies counted on the parent', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await alice.setViewportSize({ width: 1280, height: 800 });
  await bob.setViewportSize({ width: 390, height: 844 });
  await openRoom(alice, yam, 'thread-room', 'Cakes');
  await openRoom(bob, yam, 'thread-room', 'Cakes');
  await setName(alice, 'Alice');
  await setName(bob, 'Bob');
  await sendMessage(bob, ROOT);

  // Alice starts a thread from the menu: a panel right of the chat with its own composer.
  const menu = await openActions(alice, bubble(alice, ROOT));
  await menu.getByRole('menuitem', { name: 'Reply in thread' }).click();
  const panel = alice.getByRole('complementary', { name: 'Thread' });
  await expect(panel).toBeVisible();
  const box = await panel.boundingBox();
  expect(box!.x).toBeGreaterThan(800);
  const field = panel.getByRole('textbox', { name: 'Reply in thread' });
  await expect(field).toBeFocused();
  await field.fill('Carrot cake!');
  await field.press('Enter');
  await field.fill('With walnuts');
  await field.press('Enter');
  await expect(panel.getByRole('article', { name: 'You: With walnuts' })).toBeVisible();
  // Thread messages stay out of the main timeline; the parent says how many.
  const main = alice.getByRole('log', { name: 'Messages' }).or(alice.locator('.message-list'));
  await expect(main.first().getByText('Carrot cake!')).toHaveCount(0);
  await expect(bubble(alice, ROOT).getByRole('button', { name: '2 replies' })).toBeVisible();
  await alice.screenshot({ path: '/tmp/shots-msgs/thread-panel-1280.png' });

  // Bob, on a phone, opens the thread from "2 replies": a full view with a back button.
  const link = bubble(bob, ROOT).getByRole('button', { name: '2 replies' });
  await expect(link).toBeVisible();
  await expect(bob.getByText('Carrot cake!')).toHaveCount(0);
  await link.click();
  const phonePanel = bob.getByRole('complementary', { name: 'Thread' });
  await expect(phonePanel.getByRole('article', { name: 'Alice: Carrot cake!' })).toBeVisible();
  const phoneBox = await phonePanel.boundingBox();
  expect(phoneBox!.width).toBe(390);
  const phoneField = phonePanel.getByRole('textbox', { name: 'Reply in thread' });
  await phoneField.fill('Sounds good');
  await phoneField.press('Enter');
  await bob.screenshot({ path: '/tmp/shots-msgs/thread-phone-390.png' });
  await expect(panel.getByRole('article', { name: 'Bob: Sounds good' })).toBeVisible();
  await expect(bubble(alice, ROOT).getByRole('button', { name: '3 replies' })).toBeVisible();
  await phonePanel.getByRole('button', { name: 'Back to the room' }).click();
  await expect(phonePanel).toBeHidden();
  await expect(alice.getByRole('button', { name: 'Close thread' })).toBeVisible();
  // Escape in the empty thread field closes the thread (the close button does too).
  await field.press('Escape');
  await expect(panel).toBeHidden();

  // After a reload the thread is still there and still out of the main list.
  for (const page of [alice, bob]) {
    await page.reload();
    const again = bubble(page, ROOT).getByRole('button', { name: '3 replies' });
    await expect(again).toBeVisible();
    await expect(page.getByText('Sounds good')).toHaveCount(0);
    await again.click();
    const p = page.getByRole('complementary', { name: 'Thread' });
    await expect(p.getByText('Carrot cake!')).toBeVisible();
    await expect(p.getByText('With walnuts')).toBeVisible();
    await expect(p.getByText('Sounds good')).toBeVisible();
  }
  await alice.getByRole('button', { name: 'Close thread' }).click();
  await expect(alice.getByRole('complementary', { name: 'Thread' })).toBeHidden();
});
