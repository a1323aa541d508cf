import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { admit, bubble, expect, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

function roomTitle(page: Page) {
  return page.getByRole('heading', { level: 1 }).getByRole('button');
}

test('[P-URL1] a Room URL opened in a fresh browser lands in “Add room” pre-filled; Connect; both chat', async ({
  yam,
  newDevice,
}) => {
  const host = await newDevice();
  await host.goto(`${yam.url}/`);
  await host.getByRole('button', { name: 'Create room...' }).click();
  await host.getByRole('textbox', { name: 'Room name' }).fill('Porch');
  await host.getByRole('button', { name: 'Create room', exact: true }).click();
  await expect(roomTitle(host)).toHaveText('Porch');
  await host.getByRole('button', { name: 'Room settings' }).click();
  const roomUrl = await host.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await host.keyboard.press('Escape');

  const guest = await newDevice();
  // The invite fragment must survive the server's redirect and the dialog.
  await guest.goto(`${roomUrl}#invite-key-123`);
  const dialog = guest.getByRole('dialog', { name: 'Add room' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Room URL' })).toHaveValue(roomUrl);
  await expect(dialog.getByRole('textbox', { name: 'Room name' })).toHaveValue('Porch');
  await guest.screenshot({ path: `${SCREENSHOTS}add-room-desktop.png` });
  await guest.setViewportSize({ width: 390, height: 844 });
  await guest.screenshot({ path: `${SCREENSHOTS}add-room-phone.png` });
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(roomTitle(guest)).toHaveText('Porch');
  await expect(guest.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  expect(await storedInvite(guest)).toBe('invite-key-123');
  // Not a valid invite key: the host is asked and lets the guest in.
  await admit(host, guest);

  await sendMessage(guest, 'Knock knock');
  await expect(bubble(host, 'Knock knock')).toBeVisible();
  await sendMessage(host, 'Come in!');
  await expect(bubble(guest, 'Come in!')).toBeVisible();

  // Opening the same Room URL again goes straight to the room.
  await guest.goto(roomUrl);
  await expect(roomTitle(guest)).toHaveText('Porch');
  await expect(dialog).toBeHidden();
});

test('invalid “Add room” input says what is wrong and what to do', async ({ yam, newDevice }) => {
  const page = await newDevice();
  await page.goto(`${yam.url}/`);
  await page.getByRole('button', { name: 'Add room...' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add room' });
  const url = dialog.getByRole('textbox', { name: 'Room URL' });
  const name = dialog.getByRole('textbox', { name: 'Room name' });
  const connect = dialog.getByRole('button', { name: 'Connect' });
  const alert = dialog.getByRole('alert');

  await connect.click();
  await expect(alert).toContainText('Paste the Room URL');
  await url.fill('not a url');
  await connect.click();
  await expect(alert).toContainText('That is not a URL');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await url.fill('ftp://example.org/?room=abc');
  await connect.click();
  await expect(alert).toContainText('starts with https://');
  await url.fill(`${yam.url}/`);
  await connect.click();
  await expect(alert).toContainText('no ?room=');
  await url.fill(`${yam.url}/?room=orchard`);
  await connect.click();
  await expect(alert).toContainText('Give the room a name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SCREENSHOTS}add-room-error-desktop.png` });

  await url.fill('http://127.0.0.1:9/?room=orchard');
  await name.fill('Orchard');
  await connect.click();
  await expect(alert).toContainText('Could not reach the server 127.0.0.1:9', { timeout: 15_000 });

  // A server that accepts the connection but never answers: progress, then a timeout.
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = silent.address() as AddressInfo;
    await url.fill(`http://127.0.0.1:${port}/?room=orchard`);
    await connect.click();
    await expect(dialog.getByRole('status')).toHaveText('Checking the server…');
    await expect(connect).toBeDisabled();
    await expect(alert).toContainText(`Could not reach the server 127.0.0.1:${port}`, {
      timeout: 15_000,
    });
  } finally {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }

  await url.fill(`${yam.url}/?room=orchard`);
  await connect.click();
  await expect(dialog).toBeHidden();
  await expect(roomTitle(page)).toHaveText('Orchard');

  // A duplicate offers the room already in the list.
  await roomTitle(page).click();
  await page.getByRole('menuitem', { name: 'Add room...' }).click();
  await url.fill(`${yam.url}/?room=orchard`);
  await name.fill('Orchard again');
  await connect.click();
  await expect(alert).toContainText('already in your list as “Orchard”');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}add-room-duplicate-phone.png` });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await roomTitle(page).click();
  await page.getByRole('menuitem', { name: 'Add room...' }).click();
  await url.fill(`${yam.url}/?room=orchard`);
  await name.fill('Orchard again');
  await connect.click();
  await dialog.getByRole('button', { name: 'Open “Orchard”' }).click();
  await expect(dialog).toBeHidden();
  await roomTitle(page).click();
  await expect(page.getByRole('menuitem', { name: /Orchard/ })).toHaveCount(1);
});

test('invalid “Create new room” input, and the dialogs on a phone', async ({ yam, newDevice }) => {
  const page = await newDevice();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${yam.url}/`);
  await page.getByRole('button', { name: 'Create room...' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new room' });
  const server = dialog.getByRole('textbox', { name: 'Server URL' });
  const create = dialog.getByRole('button', { name: 'Create room', exact: true });
  // Focus starts in the dialog, on what the user types first.
  await expect(dialog.getByRole('textbox', { name: 'Room name' })).toBeFocused();
  await create.click();
  await expect(dialog.getByRole('alert')).toContainText('Give the room a name');
  await expect(dialog.getByRole('textbox', { name: 'Room name' })).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}create-room-phone.png` });
  await dialog.getByRole('textbox', { name: 'Room name' }).fill('Allotment');
  await server.fill('allotment');
  await create.click();
  await expect(dialog.getByRole('alert')).toContainText('That is not a URL');
  await server.fill('ws://127.0.0.1/');
  await create.click();
  await expect(dialog.getByRole('alert')).toContainText('starts with https://');
  await server.fill(yam.url);
  await create.click();
  await expect(roomTitle(page)).toHaveText('Allotment');
  await page.getByRole('button', { name: 'Room settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Configure room' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}configure-room-phone.png` });
});

/** The invite fragment stored with the room entry in IndexedDB. */
function storedInvite(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('yam-rooms');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('rooms').objectStore('rooms').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as { invite?: string }[])[0]?.invite);
          };
        };
      }),
  );
}
