import type { Locator, Page } from '@playwright/test';
import { setName } from '../fixtures/secure-flows.ts';
import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

const ORIGINAL = 'Lunch at the bakery at noon?';
const REPLY = 'Yes, noon works for me';

/** Opens a bubble's "Message actions" menu with the keyboard-reachable button. */
async function openActions(page: Page, message: Locator) {
  await message.scrollIntoViewIfNeeded();
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  return menu;
}

async function react(page: Page, message: Locator, emoji: string) {
  const menu = await openActions(page, message);
  await menu.getByRole('menuitem', { name: 'React' }).click();
  const picker = page.getByRole('dialog', { name: 'Pick a reaction' });
  await picker.getByRole('button', { name: emoji }).first().click();
  await expect(picker).toBeHidden();
}

test('two people reply and react: the quote jumps, chips say who, toggles, survive a reload', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'react-room', 'Lunch');
  await openRoom(bob, yam, 'react-room', 'Lunch');
  await setName(alice, 'Alice');
  await setName(bob, 'Bob');

  await sendMessage(bob, ORIGINAL);
  // Enough later messages that the original scrolls out of view.
  for (let i = 1; i <= 14; i++) await sendMessage(bob, `filler message ${i}`);
  await expect(bubble(alice, 'filler message 14')).toBeVisible();

  // Alice replies to Bob's first message from its menu (she made the room: as its owner
  // she may delete others' messages too).
  const menu = await openActions(alice, alice.getByRole('article', { name: `Bob: ${ORIGINAL}` }));
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Reply',
    'React',
    'Reply in thread',
    'Copy text',
    'Delete',
  ]);
  await alice.setViewportSize({ width: 1280, height: 800 });
  await alice.screenshot({ path: `${SCREENSHOTS}message-actions-1280.png` });
  await menu.getByRole('menuitem', { name: 'Reply', exact: true }).click();
  await expect(alice.getByText(`Replying to Bob: ${ORIGINAL}`)).toBeVisible();
  await expect(alice.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await alice.keyboard.type(REPLY);
  await alice.keyboard.press('Enter');
  await expect(alice.getByText('Replying to Bob')).toBeHidden();

  // Bob sees the quote of his own message in Alice's reply; clicking it brings it back into view.
  const reply = bubble(bob, REPLY);
  const quote = reply.getByRole('button', { name: /^Reply to You: Lunch at the bakery/ });
  await expect(quote).toBeVisible();
  await expect(bob.getByRole('article', { name: `You: ${ORIGINAL}` })).not.toBeInViewport();
  await quote.click();
  await expect(bob.getByRole('article', { name: `You: ${ORIGINAL}` })).toBeInViewport();
  await expect(
    bob.getByRole('article', { name: `You: ${ORIGINAL}` }).locator('.bubble.highlighted'),
  ).toBeVisible();

  // Bob reacts 👍 to the reply (the menu is reachable by keyboard too).
  await bubble(bob, REPLY).scrollIntoViewIfNeeded();
  await react(bob, bubble(bob, REPLY), 'thumbs up');
  const chip = (page: Page) => bubble(page, REPLY).getByRole('button', { name: /^👍 \d/ });
  await expect(chip(alice)).toHaveText('👍1');
  await expect(chip(alice)).toHaveAccessibleName('👍 1: Bob');
  await chip(alice).hover();
  await expect(bubble(alice, REPLY).getByRole('tooltip')).toHaveText('👍 Bob');
  await expect(chip(bob)).toHaveAttribute('aria-pressed', 'true');
  // Reactions are not bubbles of their own.
  await expect(alice.getByRole('article').filter({ hasText: /^👍$/ })).toHaveCount(0);

  // The same again takes it back; then once more so there is one to survive the reload.
  await react(bob, bubble(bob, REPLY), 'thumbs up');
  await expect(chip(alice)).toHaveCount(0);
  await expect(chip(bob)).toHaveCount(0);
  await react(bob, bubble(bob, REPLY), 'thumbs up');
  await expect(chip(alice)).toHaveAccessibleName('👍 1: Bob');

  // Search finds emoji by name; the picked one joins the recent row.
  const menu2 = await openActions(alice, bubble(alice, REPLY));
  await menu2.getByRole('menuitem', { name: 'React' }).click();
  const picker = alice.getByRole('dialog', { name: 'Pick a reaction' });
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('party');
  await expect(picker.getByRole('button', { name: 'party popper' })).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}reaction-picker-1280.png` });
  await picker.getByRole('button', { name: 'party popper' }).click();
  await expect(bubble(bob, REPLY).getByRole('button', { name: '🎉 1: Alice' })).toBeVisible();
  await expect(chip(alice)).toHaveAccessibleName('👍 1: Bob');
  await alice.screenshot({ path: `${SCREENSHOTS}reply-reaction-1280.png` });

  // Both survive a reload on both sides.
  for (const [page, me, other] of [
    [alice, 'Alice', 'Bob'],
    [bob, 'Bob', 'Alice'],
  ] as const) {
    await page.reload();
    const again = bubble(page, REPLY);
    const bobIs = me === 'Bob' ? 'You' : 'Bob';
    const aliceIs = other === 'Alice' ? 'Alice' : 'You';
    await expect(
      again.getByRole('button', { name: `Reply to ${bobIs}: ${ORIGINAL}. Show the original` }),
    ).toBeVisible();
    await expect(again.getByRole('button', { name: `👍 1: ${bobIs}` })).toBeVisible();
    await expect(again.getByRole('button', { name: `🎉 1: ${aliceIs}` })).toBeVisible();
  }

  // The menu works from the keyboard alone; "Copy text" puts the text on the clipboard.
  await alice.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const actionsButton = bubble(alice, REPLY).getByRole('button', { name: 'Message actions' });
  await actionsButton.focus();
  await alice.keyboard.press('Enter');
  const keyMenu = alice.getByRole('menu', { name: 'Message actions' });
  await expect(keyMenu.getByRole('menuitem', { name: 'Reply', exact: true })).toBeFocused();
  await alice.keyboard.press('ArrowDown');
  await expect(keyMenu.getByRole('menuitem', { name: 'React' })).toBeFocused();
  await alice.keyboard.press('Escape');
  await expect(keyMenu).toBeHidden();
  await expect(actionsButton).toBeFocused();
  const copyMenu = await openActions(alice, bubble(alice, REPLY));
  await copyMenu.getByRole('menuitem', { name: 'Copy text' }).click();
  await expect(bubble(alice, REPLY).getByRole('status')).toHaveText('Copied');
  expect(await alice.evaluate(() => navigator.clipboard.readText())).toBe(REPLY);

  // The phone layout: the menu, the picker as a sheet, and the bubble.
  await alice.setViewportSize({ width: 390, height: 844 });
  await bubble(alice, REPLY).scrollIntoViewIfNeeded();
  await alice.screenshot({ path: `${SCREENSHOTS}reply-reaction-390.png` });
  const phoneMenu = await openActions(alice, bubble(alice, REPLY));
  await alice.screenshot({ path: `${SCREENSHOTS}message-actions-390.png` });
  await phoneMenu.getByRole('menuitem', { name: 'React' }).click();
  const sheet = alice.getByRole('dialog', { name: 'Pick a reaction' });
  await expect(sheet.getByRole('group', { name: 'Recent' })).toContainText('🎉');
  await alice.screenshot({ path: `${SCREENSHOTS}reaction-picker-390.png` });
  await alice.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});
