import type { Page } from '@playwright/test';
import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

const OCEAN = 'rgb(31, 95, 139)';

/** The coloured part of a message: the bubble inside the article. */
const bubbleBox = (page: Page, text: string) => bubble(page, text).locator('.bubble');

async function openProfile(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  return page.getByRole('dialog', { name: 'Profile' });
}

async function saveProfile(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('B changes name and colour: A recolours old and new bubbles live, and after a reload', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'paint-room', 'Paint');
  await openRoom(bob, yam, 'paint-room', 'Paint');
  await sendMessage(bob, 'Before my new look');
  await expect(bubble(alice, 'Before my new look')).toBeVisible();
  const before = await bubbleBox(alice, 'Before my new look').evaluate(
    (el) => getComputedStyle(el).backgroundColor,
  );
  expect(before).not.toBe(OCEAN);

  const dialog = await openProfile(bob);
  await dialog.getByRole('textbox', { name: 'Username' }).fill('Bobby Tables');
  await dialog.getByRole('radio', { name: 'Ocean' }).check();
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
  await saveProfile(bob);

  // The existing bubble changes without a reload: colour and name.
  await expect(bubbleBox(alice, 'Before my new look')).toHaveCSS('background-color', OCEAN);
  await expect(bubble(alice, 'Before my new look')).toContainText('Bobby Tables');
  await sendMessage(bob, 'After my new look');
  await expect(bubbleBox(alice, 'After my new look')).toHaveCSS('background-color', OCEAN);
  // Own bubbles take the own colour too.
  await expect(bubbleBox(bob, 'After my new look')).toHaveCSS('background-color', OCEAN);

  // B leaves; A reloads with an empty profile cache and resolves B from the server.
  await bob.close();
  await alice.reload();
  await expect(alice.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await expect(bubbleBox(alice, 'Before my new look')).toHaveCSS('background-color', OCEAN);
  await expect(bubbleBox(alice, 'After my new look')).toHaveCSS('background-color', OCEAN);
  await expect(bubble(alice, 'Before my new look')).toContainText('Bobby Tables');
});

test('a colour without enough contrast for the text is refused', async ({ yam, newDevice }) => {
  const page = await newDevice();
  await openRoom(page, yam, 'contrast-room');
  const dialog = await openProfile(page);
  await dialog.getByLabel('Custom colour').fill('#ff0000');
  await expect(dialog.getByRole('alert')).toContainText('hard to read');
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await dialog.getByLabel('Custom colour').fill('#203040');
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
});

test('an avatar set by B shows for A, initials until then', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'photo-room', 'Photos');
  await openRoom(bob, yam, 'photo-room', 'Photos');
  const nameDialog = await openProfile(bob);
  await nameDialog.getByRole('textbox', { name: 'Username' }).fill('Bob Photo');
  await saveProfile(bob);
  await sendMessage(bob, 'Look at my face');
  await expect(
    bubble(alice, 'Look at my face').getByRole('img', { name: "Bob Photo's initials" }),
  ).toHaveText('BP');

  // Any image will do: a screenshot of the page is a real PNG, wider than tall (cropped to square).
  const png = await bob.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
  const dialog = await openProfile(bob);
  await dialog
    .getByLabel('Choose photo')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
  await expect(dialog.getByRole('img', { name: "Bob Photo's avatar" })).toBeVisible();
  await bob.screenshot({ path: `${SCREENSHOTS}profile-dialog-desktop.png` });
  await saveProfile(bob);

  const avatar = bubble(alice, 'Look at my face').getByRole('img', { name: "Bob Photo's avatar" });
  await expect(avatar).toBeVisible();
  // Decrypted and decoded: a square image, resized on B's side.
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([160, 160]);

  await bob.setViewportSize({ width: 390, height: 844 });
  await openProfile(bob);
  await bob.screenshot({ path: `${SCREENSHOTS}profile-dialog-phone.png` });
});
