import type { Page } from '@playwright/test';
import { p2pFlags } from '../fixtures/p2p.ts';
import { composer, createRoom } from '../fixtures/secure-flows.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, createInviteLink, expect, sendMessage, test } from '../fixtures/yam-test.ts';

// History from other members: forwarded peer to peer as the authors' signed envelopes.

const withTurn = test.extend<{ turnServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  turnServer: async ({}, use) => {
    const server = await YamTestServer.start({ turn: { port: 0, allowLoopbackPeers: true } });
    await use(server);
    await server.dispose();
  },
});

async function joinByInvite(member: Page, joiner: Page) {
  const link = await createInviteLink(member);
  await joiner.goto(link);
  const dialog = joiner.getByRole('dialog', { name: 'Add room' });
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(composer(joiner)).toBeEnabled();
}

async function setSharing(page: Page, on: boolean) {
  await page.getByRole('button', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  const box = dialog.getByRole('checkbox', { name: 'Share my history with members who ask' });
  await (on ? box.check() : box.uncheck());
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

const requestButton = (page: Page) =>
  page.getByRole('button', { name: 'Request history from others' });

withTurn(
  '[P-SIG6] C joins later and gets A’s older messages from the members online, signatures checked',
  async ({ turnServer, newDevice }) => {
    const [alice, bob, carol] = [await newDevice(), await newDevice(), await newDevice()];
    for (const page of [alice, bob, carol]) await p2pFlags(page);
    await createRoom(alice, turnServer.url, 'Old stories');
    await joinByInvite(alice, bob);
    await sendMessage(alice, 'Once upon a time');
    await sendMessage(bob, 'there was a yam');
    await expect(bubble(alice, 'there was a yam')).toBeVisible();

    await joinByInvite(alice, carol);
    await expect(carol.getByText('Sent before you joined').first()).toBeVisible();
    await expect(bubble(carol, 'Once upon a time')).toHaveCount(0);
    await expect(carol.getByRole('button', { name: /Members · 3 here/ })).toBeVisible();

    await requestButton(carol).click();
    const old = bubble(carol, 'Once upon a time');
    await expect(old).toBeVisible({ timeout: 30_000 });
    await expect(old.getByText(/shared by/)).toBeVisible();
    await expect(bubble(carol, 'there was a yam')).toBeVisible();
    await expect(carol.getByText('Sent before you joined')).toHaveCount(0);
    await expect(carol.getByText(/older messages? shared by others/)).toBeVisible();

    // Verified history is kept: it is still readable after a reload.
    await carol.reload();
    await expect(bubble(carol, 'Once upon a time')).toBeVisible();
  },
);

withTurn(
  '[P-SIG6] with A’s sharing turned off and only A online, C gets nothing and is told; turned on, C gets it',
  async ({ turnServer, newDevice }) => {
    const [alice, carol] = [await newDevice(), await newDevice()];
    for (const page of [alice, carol]) await p2pFlags(page);
    await createRoom(alice, turnServer.url, 'Private past');
    await sendMessage(alice, 'kept to myself');
    await expect(bubble(alice, 'kept to myself').getByRole('img', { name: 'Sent' })).toBeVisible();
    await setSharing(alice, false);

    await joinByInvite(alice, carol);
    await expect(carol.getByText('Sent before you joined')).toBeVisible();
    await expect(carol.getByRole('button', { name: /Members · 2 here/ })).toBeVisible();
    await requestButton(carol).click();
    await expect(carol.getByText('No one online shared history')).toBeVisible({ timeout: 30_000 });
    await expect(bubble(carol, 'kept to myself')).toHaveCount(0);
    await expect(carol.getByText('Sent before you joined')).toBeVisible();

    // The refusal was A's setting: turned back on, the same request is answered.
    await setSharing(alice, true);
    await requestButton(carol).click();
    await expect(bubble(carol, 'kept to myself')).toBeVisible({ timeout: 30_000 });
  },
);
