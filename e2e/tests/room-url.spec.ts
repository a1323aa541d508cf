import { expect, test } from '../fixtures/yam-test.ts';

test('[P-URL1] opening a Room URL redirects to the app with the full Room URL and name', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/?room=book-club&name=${encodeURIComponent('Book club')}`);
  // The server redirected to the app with the full Room URL.
  const landed = new URL(page.url());
  expect(landed.searchParams.get('room')).toBe(`${yam.url}/?room=book-club&name=Book%20club`);
  expect(landed.searchParams.get('name')).toBe('Book club');
  const dialog = page.getByRole('dialog', { name: 'Add room' });
  await expect(dialog.getByRole('textbox', { name: 'Room URL' })).toHaveValue(
    `${yam.url}/?room=book-club&name=Book%20club`,
  );
  await expect(dialog.getByRole('textbox', { name: 'Room name' })).toHaveValue('Book club');
});

test('[P-URL2] an app URL whose room is not a Room URL opens “Add room” with the reason', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/?room=${encodeURIComponent('ftp://x.example/?room=a')}`);
  const dialog = page.getByRole('dialog', { name: 'Add room' });
  await expect(dialog.getByRole('alert')).toContainText('starts with https://');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create room...' })).toBeVisible();
});
