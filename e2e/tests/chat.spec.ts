import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

test('two people in one room see each other’s messages, own on the right', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'tea-room', 'Tea room');
  await openRoom(bob, yam, 'tea-room', 'Tea room');
  await expect(alice.getByRole('heading', { name: 'Tea room' })).toBeVisible();

  await setName(alice, 'Alice');
  await setName(bob, 'Bob');

  await sendMessage(alice, 'Hi Bob, fancy a cup of tea?');
  await expect(bubble(bob, 'fancy a cup of tea')).toBeVisible();
  await sendMessage(bob, 'Always! Green or black?');
  await expect(bubble(alice, 'Green or black?')).toBeVisible();
  await sendMessage(alice, 'Green, with a slice of yam cake 🍠');
  await expect(bubble(bob, 'yam cake')).toBeVisible();

  // Own bubbles sit on the right with a tick once stored; others' show the author's name.
  await expect(bubble(alice, 'fancy a cup of tea')).toHaveClass(/\bown\b/);
  await expect(bubble(bob, 'fancy a cup of tea')).toHaveClass(/\bother\b/);
  await expect(bubble(bob, 'fancy a cup of tea')).toContainText('Alice');
  await expect(bubble(alice, 'Green or black?')).toContainText('Bob');
  await expect(
    bubble(alice, 'fancy a cup of tea').getByRole('img', { name: 'Sent' }),
  ).toBeVisible();

  // Shift+Enter starts a new line; Enter sends both lines as one message.
  const field = bob.getByRole('textbox', { name: 'Message' });
  await field.fill('Two things:');
  await field.press('Shift+Enter');
  await field.pressSequentially('milk, and honey');
  await field.press('Enter');
  await expect(bubble(alice, 'Two things:')).toContainText('Two things:\nmilk, and honey');
  await expect(field).toHaveValue('');

  await alice.screenshot({ path: `${SCREENSHOTS}chat-desktop.png` });
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.screenshot({ path: `${SCREENSHOTS}chat-phone.png` });
});

async function setName(page: import('@playwright/test').Page, name: string) {
  await page.getByRole('button', { name: 'Profile' }).click();
  const field = page.getByRole('textbox', { name: 'Username' });
  await field.fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Profile' }).getByText('Saved')).toBeVisible();
  await page.keyboard.press('Escape');
}
