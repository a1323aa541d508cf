import type { Page } from '@playwright/test';
import { Seeder } from '../fixtures/seed.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import {
  bubble,
  createInviteLink,
  expect,
  openRoom,
  SCREENSHOTS,
  sendMessage,
  test,
} from '../fixtures/yam-test.ts';

/** The room name at the top centre, which is also the room menu's button. */
function roomTitle(page: Page) {
  return page.getByRole('heading', { level: 1 }).getByRole('button');
}

async function createRoom(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name: 'Create new room' });
  await dialog.getByRole('textbox', { name: 'Room name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create room', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(roomTitle(page)).toHaveText(name);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
}

async function menuAction(page: Page, item: string) {
  await roomTitle(page).click();
  await page.getByRole('menu', { name: 'Rooms' }).getByRole('menuitem', { name: item }).click();
}

test('create a room and see it at the top centre; create a second; switch via the dropdown', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/`);
  await page.getByRole('button', { name: 'Create room...' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new room' });
  await expect(dialog.getByRole('textbox', { name: 'Server URL' })).toHaveValue(`${yam.url}/`);
  await createRoom(page, 'Book club');
  // [P-URL1] a random unguessable room code, never shown but in the address bar.
  const first = new URL(new URL(page.url()).searchParams.get('room')!).searchParams.get('room');
  expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
  await sendMessage(page, 'first room message');
  await expect(bubble(page, 'first room message').getByRole('img', { name: 'Sent' })).toBeVisible();

  await menuAction(page, 'Create room...');
  await createRoom(page, 'Tea');
  await expect(bubble(page, 'first room message')).toHaveCount(0);

  await roomTitle(page).click();
  const menu = page.getByRole('menu', { name: 'Rooms' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    /Book club/,
    /Tea/,
    'Add room...',
    'Create room...',
  ]);
  await page.screenshot({ path: `${SCREENSHOTS}rooms-menu-desktop.png` });
  await menu.getByRole('menuitem', { name: 'Book club' }).click();
  await expect(menu).toBeHidden();
  await expect(roomTitle(page)).toHaveText('Book club');
  await expect(bubble(page, 'first room message')).toBeVisible();

  // The last opened room reopens on start.
  await page.goto(`${yam.url}/`);
  await expect(roomTitle(page)).toHaveText('Book club');
  await page.setViewportSize({ width: 390, height: 844 });
  await roomTitle(page).click();
  await page.screenshot({ path: `${SCREENSHOTS}rooms-menu-phone.png` });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // Home shows the welcome screen with the list; Back returns to the room.
  await page.getByRole('button', { name: 'Yam home' }).click();
  const yours = page.getByRole('navigation', { name: 'Your rooms' });
  await yours.getByRole('button', { name: 'Tea' }).click();
  await expect(roomTitle(page)).toHaveText('Tea');
  await page.goBack();
  await expect(yours).toBeVisible();
  await page.goBack();
  await expect(roomTitle(page)).toHaveText('Book club');
});

test('unread counts per room in the dropdown', async ({ yam, newDevice }) => {
  const page = await newDevice();
  await openRoom(page, yam, 'quiet', 'Quiet');
  await openRoom(page, yam, 'busy', 'Busy');
  // Rooms are end-to-end encrypted: the bot joins with an invite this page made.
  const invite = await createInviteLink(page);
  await menuAction(page, 'Quiet');
  await expect(roomTitle(page)).toHaveText('Quiet');

  const bot = await Seeder.start(yam.url, 'busy', { invite });
  await bot.send(['one', 'two'], 'Bot');
  await bot.close();
  await expect(roomTitle(page)).toContainText('2');
  await roomTitle(page).click();
  await expect(page.getByRole('menuitem', { name: /Busy.*2 unread/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Quiet/ })).not.toContainText('unread');
  await page.getByRole('menuitem', { name: /Busy/ }).click();
  await expect(bubble(page, 'two')).toBeVisible();
  await expect(roomTitle(page)).toHaveText('Busy');

  // Read stays read across a reload.
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await roomTitle(page).click();
  await expect(page.getByRole('menuitem', { name: /Busy/ })).not.toContainText('unread');
});

test('Add a room by its Room URL, on this server and on another one', async ({
  yam,
  newDevice,
}) => {
  // Another server lets this app's origin connect to it (browsers always send Origin).
  const other = await YamTestServer.start({ allowedOrigins: [yam.url] });
  try {
    const page = await newDevice();
    await openRoom(page, yam, 'home-room', 'Home');
    await menuAction(page, 'Add room...');
    const dialog = page.getByRole('dialog', { name: 'Add room' });
    await dialog
      .getByRole('textbox', { name: 'Room URL' })
      .fill(`${yam.url}/?room=garden&name=Garden`);
    // A pasted Room URL brings its name along.
    await expect(dialog.getByRole('textbox', { name: 'Room name' })).toHaveValue('Garden');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(roomTitle(page)).toHaveText('Garden');

    // A member on the other server lets this page in, then writes (encrypted for it).
    const far = (await Seeder.start(other.url, 'far-away')).acceptAll();
    await menuAction(page, 'Add room...');
    await dialog.getByRole('textbox', { name: 'Room URL' }).fill(`${other.url}/?room=far-away`);
    await dialog.getByRole('textbox', { name: 'Room name' }).fill('Far away');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(roomTitle(page)).toHaveText('Far away');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeEnabled();
    await far.send(['hello from the other server'], 'Far');
    await far.close();
    await expect(bubble(page, 'hello from the other server')).toBeVisible();
    await sendMessage(page, 'reply across servers');
    await expect(
      bubble(page, 'reply across servers').getByRole('img', { name: 'Sent' }),
    ).toBeVisible();

    await roomTitle(page).click();
    const host = new URL(other.url).host;
    await expect(page.getByRole('menuitem', { name: /Far away/ })).toContainText(host);
    await page.getByRole('menuitem', { name: /Home/ }).click();
    await expect(roomTitle(page)).toHaveText('Home');
  } finally {
    await other.dispose();
  }
});

test('Configure room: rename and the Room URL’s &name= follows; Remove is gone after reload', async ({
  yam,
  newDevice,
}) => {
  const page = await newDevice();
  await openRoom(page, yam, 'keep-me', 'Keep me');
  await openRoom(page, yam, 'old-name', 'Old name');
  await page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure room' });
  const url = dialog.getByRole('textbox', { name: 'Room URL' });
  await expect(url).toHaveValue(`${yam.url}/?room=old-name&name=Old%20name`);
  await dialog.getByRole('textbox', { name: 'Room name' }).fill('Picnic & games');
  await expect(url).toHaveValue(`${yam.url}/?room=old-name&name=Picnic%20%26%20games`);
  await expect(dialog.getByRole('img', { name: 'QR code of the Room URL' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}configure-room-desktop.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(roomTitle(page)).toHaveText('Picnic & games');

  await page.reload();
  await expect(roomTitle(page)).toHaveText('Picnic & games');
  await page.getByRole('button', { name: 'Room settings' }).click();
  await dialog.getByRole('button', { name: 'Remove room' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Remove “Picnic & games”');
  await page.screenshot({ path: `${SCREENSHOTS}configure-room-remove-confirm.png` });
  await dialog.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(roomTitle(page)).toHaveText('Keep me');

  await page.reload();
  await expect(roomTitle(page)).toHaveText('Keep me');
  await roomTitle(page).click();
  await expect(page.getByRole('menuitem', { name: /Picnic/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /Keep me/ })).toBeVisible();
});
