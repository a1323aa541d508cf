import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

const PASSPHRASE = 'correct horse battery staple';
// scrypt with 128 MiB takes a few seconds on a busy two-core machine.
const SLOW = { timeout: 45_000 };

async function openProfile(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function clientIdOf(page: Page): Promise<string> {
  const dialog = await openProfile(page);
  const id = (await dialog.locator('code.client-id').first().textContent()) ?? '';
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return id;
}

test('a device key exported with a passphrase moves to another browser; a wrong passphrase is refused', async ({
  yam,
  newDevice,
}) => {
  test.setTimeout(120_000);
  const alice = await newDevice();
  const bob = await newDevice();
  await alice.goto(yam.url);
  await bob.goto(yam.url);
  const aliceId = await clientIdOf(alice);
  const bobBefore = await clientIdOf(bob);
  expect(aliceId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(bobBefore).not.toBe(aliceId);

  // A exports: a short passphrase is refused, mismatched ones too, then the file downloads.
  const profile = await openProfile(alice);
  await profile.getByRole('button', { name: 'Export backup…' }).click();
  await profile.getByLabel('Passphrase', { exact: true }).fill('short');
  await expect(profile.getByText('At least 10 characters.')).toBeVisible();
  await profile.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await expect(profile.getByText('Strong.')).toBeVisible();
  await profile.getByLabel('Repeat passphrase').fill(`${PASSPHRASE}!`);
  await profile.getByRole('button', { name: 'Download backup' }).click();
  await expect(profile.getByRole('alert')).toHaveText('The two passphrases differ.');
  await profile.getByLabel('Repeat passphrase').fill(PASSPHRASE);
  await alice.screenshot({ path: `${SCREENSHOTS}identity-export.png` });
  const downloading = alice.waitForEvent('download', SLOW);
  await profile.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  await expect(profile.getByRole('status')).toContainText('Backup downloaded');
  expect(download.suggestedFilename()).toBe(`yam-identity-${aliceId.slice(0, 8)}.json`);
  const file = await download.path();
  const backup = JSON.parse(await readFile(file, 'utf8')) as { clientId: string };
  expect(backup.clientId).toBe(aliceId);
  // The secret key is not in the file in the clear.
  expect(await readFile(file, 'utf8')).not.toContain('secretKey');

  // B: a wrong passphrase opens nothing.
  const bobProfile = await openProfile(bob);
  await bobProfile.getByRole('button', { name: 'Import backup…' }).click();
  await bobProfile.getByLabel('Backup file').setInputFiles(file);
  await bobProfile.getByLabel('Backup passphrase').fill('not the passphrase at all');
  await bobProfile.getByRole('button', { name: 'Open backup' }).click();
  await expect(bobProfile.getByRole('alert')).toHaveText(
    'That passphrase does not open this backup. Check it and try again.',
    SLOW,
  );

  // The right one asks before replacing, then B reloads as A's device identity.
  await bobProfile.getByLabel('Backup passphrase').fill(PASSPHRASE);
  await bobProfile.getByRole('button', { name: 'Open backup' }).click();
  const confirm = bob.getByRole('dialog', { name: 'Replace device key?' });
  await expect(confirm).toBeVisible(SLOW);
  await expect(confirm).toContainText(
    "Replace this browser's device key? Rooms joined with the current key will need a new invite.",
  );
  await expect(confirm).toContainText(aliceId);
  await bob.screenshot({ path: `${SCREENSHOTS}identity-import.png` });
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.screenshot({ path: `${SCREENSHOTS}phone-identity-import.png` });
  await Promise.all([
    bob.waitForEvent('load'),
    confirm.getByRole('button', { name: 'Replace device key' }).click(),
  ]);
  expect(await clientIdOf(bob)).toBe(aliceId);
});
