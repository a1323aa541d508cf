import type { Page } from '@playwright/test';
import { expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

/** Opens the member list and the safety number dialog for the other member; returns its digits. */
async function safetyNumberShownBy(page: Page, screenshot?: string): Promise<string> {
  await page.getByRole('button', { name: /Members/ }).click();
  await page
    .getByRole('list', { name: 'Members' })
    .getByRole('button', { name: 'Verify safety number' })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: /^Safety number with / });
  const digits = dialog.locator('.safety-digits');
  await expect(digits).toHaveText(/^(\d{5} ){11}\d{5}$/);
  await expect(dialog.getByRole('img', { name: 'Safety number QR code' })).toBeVisible();
  if (screenshot) await page.screenshot({ path: screenshot });
  const text = (await digits.textContent()) ?? '';
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return text;
}

test('A and B in a room see the same safety number for each other', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  const bob = await newDevice();
  const carol = await newDevice();
  await openRoom(alice, yam, 'verify-room', 'Verify');
  await openRoom(bob, yam, 'verify-room', 'Verify');
  const fromAlice = await safetyNumberShownBy(alice, `${SCREENSHOTS}safety-number.png`);
  await bob.setViewportSize({ width: 390, height: 844 });
  const fromBob = await safetyNumberShownBy(bob, `${SCREENSHOTS}phone-safety-number.png`);
  expect(fromBob).toBe(fromAlice);

  // Another pair has another number: the code depends on who is compared.
  await openRoom(carol, yam, 'other-room', 'Other');
  await openRoom(alice, yam, 'other-room', 'Other');
  const aliceCarol = await safetyNumberShownBy(carol);
  expect(aliceCarol).not.toBe(fromAlice);
});
