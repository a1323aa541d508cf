import { expect, test } from '../fixtures/yam-test.ts';

test('[P-URL1] opening a Room URL lands in the app, in that room, with that name', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/?room=book-club&name=${encodeURIComponent('Book club')}`);
  // The server redirected to the app with the full Room URL.
  const landed = new URL(page.url());
  expect(landed.searchParams.get('room')).toBe(`${yam.url}/?room=book-club&name=Book%20club`);
  await expect(page.getByRole('heading', { name: 'Book club' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  // The cog shows the Room URL to share.
  await page.getByRole('button', { name: 'Room settings' }).click();
  await expect(page.getByRole('textbox', { name: 'Room URL' })).toHaveValue(
    `${yam.url}/?room=book-club&name=Book%20club`,
  );
});

test('without a room: the welcome screen creates one, and the last room is remembered', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/`);
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  const room = new URL(new URL(page.url()).searchParams.get('room')!).searchParams.get('room');
  expect(room).toMatch(/^[A-Za-z0-9_-]{22}$/);

  await page.goto(`${yam.url}/`);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  expect(new URL(new URL(page.url()).searchParams.get('room')!).searchParams.get('room')).toBe(
    room,
  );

  await page.getByRole('button', { name: 'Yam home' }).click();
  await page.getByRole('textbox', { name: 'Room URL' }).fill('not a url');
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByRole('alert')).toContainText('not a Room URL');
  await page.getByRole('textbox', { name: 'Room URL' }).fill(`${yam.url}/?room=pasted&name=Pasted`);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByRole('heading', { name: 'Pasted' })).toBeVisible();
});
