import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

async function rename(page: import('@playwright/test').Page, name: string) {
  await page.getByRole('button', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(name);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.keyboard.press('Escape');
}

test('presence goes online, away with a hidden tab, then offline after the grace when B closes the page', async ({
  newDevice,
}) => {
  // A short grace instead of the real 15 s; the server tests cover the grace itself.
  const yam = await YamTestServer.start({ limits: { presenceGraceMs: 1_000 } });
  try {
    const alice = await newDevice();
    const bob = await newDevice();
    await openRoom(alice, yam, 'here-room', 'Here');
    await openRoom(bob, yam, 'here-room', 'Here');
    await rename(bob, 'Bob');
    await alice.getByRole('button', { name: /Members/ }).click();
    const members = alice.getByRole('list', { name: 'Members' });
    await expect(members.getByRole('listitem', { name: 'Bob, online' })).toBeVisible();
    await expect(alice.getByRole('button', { name: /Members · 2 here/ })).toBeVisible();

    // A hidden tab makes B away, a visible one online again. [P-PRES2]
    const setHidden = (hidden: boolean) =>
      bob.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (h ? 'hidden' : 'visible'),
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await expect(members.getByRole('listitem', { name: 'Bob, away' })).toBeVisible();
    await alice.setViewportSize({ width: 390, height: 844 });
    await alice.screenshot({ path: `${SCREENSHOTS}phone-members.png` });
    await setHidden(false);
    await expect(members.getByRole('listitem', { name: 'Bob, online' })).toBeVisible();

    await bob.close();
    await expect(members.getByRole('listitem', { name: 'Bob, offline' })).toBeVisible();
    await expect(alice.getByRole('button', { name: /Members · 1 here/ })).toBeVisible();
  } finally {
    await yam.dispose();
  }
});

test('the typing indicator shows while B types and goes when B sends', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'typing-room', 'Typing');
  await openRoom(bob, yam, 'typing-room', 'Typing');
  await rename(bob, 'Ana');
  const indicator = alice.getByText('Ana is typing...');
  await bob.getByRole('textbox', { name: 'Message' }).pressSequentially('Hello the');
  await expect(indicator).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}desktop-typing.png` });
  await bob.getByRole('textbox', { name: 'Message' }).pressSequentially('re');
  await bob.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bubble(alice, 'Hello there')).toBeVisible();
  await expect(indicator).toBeHidden();
});

test('[P-PRES1] with the real 15 s grace, B is not offline right after closing, and is later', async ({
  yam,
  newDevice,
}) => {
  test.setTimeout(60_000);
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'grace-room', 'Grace');
  await openRoom(bob, yam, 'grace-room', 'Grace');
  await rename(bob, 'Bob');
  await alice.getByRole('button', { name: /Members/ }).click();
  const members = alice.getByRole('list', { name: 'Members' });
  await expect(members.getByRole('listitem', { name: 'Bob, online' })).toBeVisible();
  await bob.close();
  // Within the grace B is not offline (a reload would not flicker); closing the tab hid
  // it first, so B may show as away.
  await expect(members.getByRole('listitem', { name: /^Bob, (online|away)$/ })).toBeVisible();
  // ...and once it has passed, B is offline.
  await expect(members.getByRole('listitem', { name: 'Bob, offline' })).toBeVisible({
    timeout: 30_000,
  });
});
