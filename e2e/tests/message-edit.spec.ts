import type { Locator, Page } from '@playwright/test';
import { idbHolds } from '../fixtures/idb-text.ts';
import { composer, setName } from '../fixtures/secure-flows.ts';
import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

async function openActions(page: Page, message: Locator) {
  await message.scrollIntoViewIfNeeded();
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  return menu;
}

async function deleteMessage(page: Page, message: Locator) {
  const menu = await openActions(page, message);
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete message?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
}

test('edit and delete: own messages only, moderation by the owner, tombstones survive a reload', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await alice.setViewportSize({ width: 1280, height: 800 });
  await openRoom(alice, yam, 'edit-room', 'Plans');
  await openRoom(bob, yam, 'edit-room', 'Plans');
  await setName(alice, 'Alice');
  await setName(bob, 'Bob');

  // Alice edits her own message: the composer takes the text, Enter saves.
  await sendMessage(alice, 'Meet at 5pm');
  await expect(bubble(bob, 'Meet at 5pm')).toBeVisible();
  let menu = await openActions(alice, bubble(alice, 'Meet at 5pm'));
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Reply',
    'React',
    'Reply in thread',
    'Edit',
    'Copy text',
    'Delete',
  ]);
  await alice.screenshot({ path: '/tmp/shots-msgs/menu-own-1280.png' });
  await menu.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(composer(alice)).toHaveValue('Meet at 5pm');
  await expect(composer(alice)).toBeFocused();
  await expect(alice.getByText('Editing message')).toBeVisible();
  await composer(alice).fill('Meet at 6pm');
  await composer(alice).press('Enter');
  await expect(alice.getByText('Editing message')).toBeHidden();
  await expect(composer(alice)).toHaveValue('');
  for (const page of [alice, bob]) {
    await expect(bubble(page, 'Meet at 6pm')).toContainText('edited');
    await expect(bubble(page, 'Meet at 5pm')).toHaveCount(0);
  }

  // Escape cancels an edit and leaves the message as it was.
  menu = await openActions(alice, bubble(alice, 'Meet at 6pm'));
  await menu.getByRole('menuitem', { name: 'Edit' }).click();
  await composer(alice).fill('Never mind');
  await composer(alice).press('Escape');
  await expect(composer(alice)).toHaveValue('');
  await expect(alice.getByRole('article', { name: 'You: Meet at 6pm (edited)' })).toBeVisible();
  await expect(bob.getByRole('article', { name: 'Alice: Meet at 6pm (edited)' })).toBeVisible();
  // Up in the empty field edits the last own message; saving it unchanged sends nothing.
  await composer(alice).press('ArrowUp');
  await expect(composer(alice)).toHaveValue('Meet at 6pm');
  await expect(alice.getByText('Editing message')).toBeVisible();
  await composer(alice).press('Enter');
  await expect(alice.getByText('Editing message')).toBeHidden();

  // Bob, a plain member, can neither edit nor delete Alice's message.
  menu = await openActions(bob, bubble(bob, 'Meet at 6pm'));
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Reply',
    'React',
    'Reply in thread',
    'Copy text',
  ]);
  await bob.keyboard.press('Escape');

  // Bob deletes his own message, on a phone-sized screen, after confirming.
  await bob.setViewportSize({ width: 390, height: 844 });
  await sendMessage(bob, 'Oops wrong room');
  await expect(bubble(alice, 'Oops wrong room')).toBeVisible();
  menu = await openActions(bob, bubble(bob, 'Oops wrong room'));
  await bob.screenshot({ path: '/tmp/shots-msgs/menu-own-390.png' });
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = bob.getByRole('dialog', { name: 'Delete message?' });
  await expect(dialog).toBeVisible();
  await bob.screenshot({ path: '/tmp/shots-msgs/delete-dialog-390.png' });
  // Cancel first: nothing happens.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(bubble(bob, 'Oops wrong room')).toBeVisible();
  await deleteMessage(bob, bubble(bob, 'Oops wrong room'));
  await expect(bob.getByRole('article', { name: 'You: Message deleted' })).toBeVisible();
  await expect(alice.getByRole('article', { name: 'Bob: Message deleted' })).toBeVisible();
  await expect(alice.getByText('Oops wrong room')).toHaveCount(0);

  // Alice, the room's owner, removes Bob's message for everyone.
  await sendMessage(bob, 'Buy cheap watches');
  await expect(bubble(alice, 'Buy cheap watches')).toBeVisible();
  await deleteMessage(alice, bubble(alice, 'Buy cheap watches'));
  await expect(bob.getByRole('article', { name: 'You: Message removed by Alice' })).toBeVisible();
  await expect(alice.getByRole('article', { name: 'Bob: Message removed by you' })).toBeVisible();
  await alice.screenshot({ path: '/tmp/shots-msgs/edited-deleted-1280.png' });
  await bob.screenshot({ path: '/tmp/shots-msgs/edited-deleted-390.png' });

  // Everything holds after a reload, and the deleted texts are nowhere on the page.
  for (const page of [alice, bob]) {
    await page.reload();
    await expect(bubble(page, 'Meet at 6pm')).toContainText('edited');
    await expect(page.getByRole('article', { name: /Message deleted$/ })).toHaveCount(1);
    await expect(page.getByRole('article', { name: /Message removed by/ })).toHaveCount(1);
    await expect(page.getByText('Oops wrong room')).toHaveCount(0);
    await expect(page.getByText('Buy cheap watches')).toHaveCount(0);
  }
  await alice.screenshot({ path: `${SCREENSHOTS}message-edit-delete-1280.png` });

  // The deleted texts are gone from both devices' IndexedDB too (their author's kept
  // plaintext and the receiver's decrypted copy); a text still shown is there (the check works).
  for (const page of [alice, bob]) {
    await expect.poll(() => idbHolds(page, 'Meet at 6pm')).toBe(true);
    await expect.poll(() => idbHolds(page, 'Oops wrong room')).toBe(false);
    await expect.poll(() => idbHolds(page, 'Buy cheap watches')).toBe(false);
  }
});
