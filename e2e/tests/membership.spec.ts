import type { Page } from '@playwright/test';
import { composer, connectTo, createRoom, roomTitle, setName } from '../fixtures/secure-flows.ts';
import {
  bubble,
  createInviteLink,
  expect,
  SCREENSHOTS,
  sendMessage,
  test,
} from '../fixtures/yam-test.ts';

// What people see of membership (issue 9): the timeline's membership lines, the member
// list as the MLS roster, and blocking.

/** Opens the member list (if closed) and returns it. */
async function memberList(page: Page) {
  const list = page.getByRole('list', { name: 'Members' });
  if (!(await list.isVisible())) await page.getByRole('button', { name: /Members/ }).click();
  await expect(list).toBeVisible();
  return list;
}

function member(page: Page, name: string) {
  return page.getByRole('list', { name: 'Members' }).getByRole('listitem', {
    name: new RegExp(`^${name},`),
  });
}

/** A centred membership line of the timeline. */
function line(page: Page, text: string) {
  return page.locator('.system-line').filter({ hasText: text });
}

/** `joiner` joins the open room of `host` by a one-time invite link, and takes `name`. */
async function joinByInvite(host: Page, joiner: Page, name: string) {
  await connectTo(joiner, await createInviteLink(host));
  await expect(composer(joiner)).toBeEnabled();
  await setName(joiner, name);
}

async function roomUrlOf(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Room settings' }).click();
  const url = await page.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await page.keyboard.press('Escape');
  return url;
}

test('[issue 9] removing asks first; everyone’s timeline says who removed whom, also after a reload; the removed member leaves every member list', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  const carol = await newDevice();
  await createRoom(alice, yam.url, 'Book club');
  await setName(alice, 'Alice');
  await joinByInvite(alice, bob, 'Bob');
  await joinByInvite(alice, carol, 'Carol');
  // Everyone's timeline shows the adds that happened while they were members.
  await expect(line(alice, 'You added Bob')).toBeVisible();
  await expect(line(alice, 'You added Carol')).toBeVisible();
  await expect(line(bob, 'Alice added Carol')).toBeVisible();
  await sendMessage(carol, 'Hi all, Carol here');
  await expect(bubble(bob, 'Carol here')).toBeVisible();

  // Alice removes Carol: the button asks first, and Cancel keeps her.
  await memberList(alice);
  await member(alice, 'Carol').getByRole('button', { name: 'Remove' }).click();
  const confirm = member(alice, 'Carol').getByRole('group', {
    name: 'Remove Carol from this room?',
  });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await member(alice, 'Carol').getByRole('button', { name: 'Remove' }).click();
  await confirm.getByRole('button', { name: 'Remove' }).click();

  await expect(line(alice, 'You removed Carol')).toBeVisible();
  await expect(line(bob, 'Alice removed Carol')).toBeVisible();
  await expect(line(carol, 'Alice removed you')).toBeVisible();
  await expect(carol.getByText('You were removed from this room')).toBeVisible();
  // The line sits after Carol's message, where the removal happened.
  const bobLines = bob.locator('.message-list').getByText(/Carol here|Alice removed Carol/);
  await expect(bobLines).toHaveText([/Carol here/, /Alice removed Carol/]);

  // Carol leaves everyone's member list.
  await memberList(bob);
  await expect(member(bob, 'Alice')).toBeVisible();
  await expect(member(bob, 'Carol')).toHaveCount(0);
  await expect(member(alice, 'Carol')).toHaveCount(0);
  await expect(alice.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2);

  await alice.screenshot({ path: `${SCREENSHOTS}desktop-membership-line.png` });
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.keyboard.press('Escape');
  await bob.getByRole('button', { name: /Members/ }).click();
  await bob.screenshot({ path: `${SCREENSHOTS}phone-membership-line.png` });

  // Kept on the device: the line is still there after a reload.
  await bob.reload();
  await expect(line(bob, 'Alice removed Carol')).toBeVisible();
  await expect(line(bob, 'Alice added Carol')).toBeVisible();
});

test('[issue 9] a guest waiting to join, then refused, is never in the member list', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const dave = await newDevice();
  await createRoom(alice, yam.url, 'Porch');
  await setName(alice, 'Alice');
  await connectTo(dave, await roomUrlOf(alice));
  await setName(dave, 'Dave');
  const request = alice.getByRole('alert').filter({ hasText: 'wants to join' });
  await expect(request).toBeVisible();
  const list = await memberList(alice);
  // Asking to join makes nobody a member: only Alice is listed.
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await request.getByRole('button', { name: 'Refuse' }).click();
  await expect(dave.getByText(/A member refused your request to join this room/)).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(alice.getByRole('button', { name: /Members · 1 here/ })).toBeVisible();
});

test('[issue 9] block: a confirmation, the blocked person’s messages hidden (Show reveals one), their DM and join requests refused; Unblock undoes it', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const carol = await newDevice();
  await createRoom(alice, yam.url, 'Lobby');
  await setName(alice, 'Alice');
  const quiet = await (async () => {
    // A second room of Alice's, which Carol will ask to join.
    await alice.getByRole('heading', { level: 1 }).getByRole('button').click();
    await alice.getByRole('menuitem', { name: 'Create room...' }).click();
    await alice.getByRole('textbox', { name: 'Room name' }).fill('Quiet room');
    await alice.getByRole('button', { name: 'Create room', exact: true }).click();
    await expect(roomTitle(alice)).toHaveText('Quiet room');
    const url = await roomUrlOf(alice);
    await roomTitle(alice).click();
    await alice.getByRole('menuitem', { name: /Lobby/ }).click();
    await expect(roomTitle(alice)).toHaveText('Lobby');
    return url;
  })();
  await joinByInvite(alice, carol, 'Carol');
  await sendMessage(carol, 'before the block');
  await expect(bubble(alice, 'before the block')).toBeVisible();

  await memberList(alice);
  await member(alice, 'Carol').getByRole('button', { name: 'Block' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Block Carol?' });
  await expect(dialog).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}desktop-block-dialog.png` });
  await dialog.getByRole('button', { name: 'Block' }).click();
  await expect(dialog).toBeHidden();
  await expect(member(alice, 'Carol').getByText('Blocked', { exact: true })).toBeVisible();
  await expect(member(alice, 'Carol').getByRole('button', { name: 'Unblock' })).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}desktop-member-badges.png` });
  await alice.keyboard.press('Escape');
  await alice.getByRole('button', { name: /Members/ }).click();

  // Her messages, old and new, collapse; Show reveals one.
  await sendMessage(carol, 'after the block');
  await expect(bubble(carol, 'after the block').getByRole('img', { name: 'Sent' })).toBeVisible();
  const hidden = alice.locator('.blocked-message');
  await expect(hidden).toHaveCount(2);
  await expect(bubble(alice, 'after the block')).toHaveCount(0);
  await expect(bubble(alice, 'before the block')).toHaveCount(0);
  await hidden.last().getByRole('button', { name: 'Show' }).click();
  await expect(bubble(alice, 'after the block')).toBeVisible();
  await expect(bubble(alice, 'before the block')).toHaveCount(0);

  // Carol opens a DM with Alice: Alice's device never joins it.
  await memberList(carol);
  await carol.getByRole('button', { name: 'Message Alice' }).click();
  await expect(roomTitle(carol)).toHaveText('Alice');
  await sendMessage(carol, 'psst, just us');
  await expect(bubble(carol, 'psst, just us').getByRole('img', { name: 'Sent' })).toBeVisible();
  // Carol asks to join Alice's other room: refused at once, never shown to Alice.
  await connectTo(carol, quiet);
  await expect(carol.getByText(/A member refused your request to join this room/)).toBeVisible();
  await expect(alice.getByRole('alert').filter({ hasText: 'wants to join' })).toHaveCount(0);
  await alice.reload();
  await expect(roomTitle(alice)).toHaveText(/^Lobby/);
  await roomTitle(alice).click();
  await expect(alice.getByRole('menuitem', { name: /Quiet room/ })).toBeVisible();
  await expect(alice.getByRole('menuitem', { name: /Carol/ })).toHaveCount(0);
  await alice.keyboard.press('Escape');

  // The block lasts across the reload; Unblock shows her messages again.
  await expect(alice.locator('.blocked-message')).toHaveCount(2);
  await memberList(alice);
  await member(alice, 'Carol').getByRole('button', { name: 'Unblock' }).click();
  await expect(bubble(alice, 'before the block')).toBeVisible();
  await expect(bubble(alice, 'after the block')).toBeVisible();
  await expect(alice.locator('.blocked-message')).toHaveCount(0);

  // The same on a phone; Cancel blocks nobody.
  await alice.setViewportSize({ width: 390, height: 844 });
  await alice.screenshot({ path: `${SCREENSHOTS}phone-member-list.png` });
  await member(alice, 'Carol').getByRole('button', { name: 'Block' }).click();
  await expect(dialog).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}phone-block-dialog.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(member(alice, 'Carol').getByText('Blocked', { exact: true })).toHaveCount(0);
});

test('[issue 9] roles: the owner’s badge; a member without the role has no Remove; made admin, they can remove (and ban)', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  const carol = await newDevice();
  await createRoom(alice, yam.url, 'Garden');
  await setName(alice, 'Alice');
  await joinByInvite(alice, bob, 'Bob');
  await joinByInvite(alice, carol, 'Carol');

  // The creator is the owner, on everyone's list.
  await memberList(alice);
  await expect(
    alice
      .getByRole('list', { name: 'Members' })
      .getByRole('listitem')
      .first()
      .getByText('Owner', { exact: true }),
  ).toBeVisible();
  await memberList(bob);
  await expect(member(bob, 'Alice').getByText('Owner', { exact: true })).toBeVisible();
  await expect(member(bob, 'Carol')).toBeVisible();
  // Bob is a plain member: no Remove, no role changes, for anyone.
  await expect(member(bob, 'Carol').getByRole('button', { name: 'Message Carol' })).toBeVisible();
  await expect(
    bob.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Remove' }),
  ).toHaveCount(0);
  await expect(
    bob.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Make admin' }),
  ).toHaveCount(0);

  // Alice makes Bob an admin: everyone sees the badge, and Bob may now remove Carol.
  await member(alice, 'Bob').getByRole('button', { name: 'Make admin' }).click();
  await expect(member(alice, 'Bob').getByText('Admin', { exact: true })).toBeVisible();
  await expect(member(alice, 'Bob').getByRole('button', { name: 'Remove admin' })).toBeVisible();
  await memberList(carol);
  await expect(member(carol, 'Bob').getByText('Admin', { exact: true })).toBeVisible();
  await expect(
    carol.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Remove' }),
  ).toHaveCount(0);
  await expect(member(bob, 'Carol').getByRole('button', { name: 'Remove' })).toBeVisible();
  // Nobody removes the owner.
  await expect(member(bob, 'Alice').getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await alice.screenshot({ path: `${SCREENSHOTS}desktop-member-roles.png` });

  // Bob removes Carol and bans her, after confirming.
  await member(bob, 'Carol').getByRole('button', { name: 'Remove' }).click();
  const confirm = member(bob, 'Carol').getByRole('group', {
    name: 'Remove Carol from this room?',
  });
  await confirm.getByRole('checkbox', { name: /Also ban from this room/ }).check();
  await bob.screenshot({ path: `${SCREENSHOTS}desktop-remove-ban.png` });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(line(alice, 'Bob removed Carol')).toBeVisible();
  await expect(line(bob, 'You removed Carol')).toBeVisible();
  await expect(carol.getByText('You were removed from this room')).toBeVisible();
  await expect(member(alice, 'Carol')).toHaveCount(0);

  // Alice takes the role back: Bob's Remove buttons go.
  await member(alice, 'Bob').getByRole('button', { name: 'Remove admin' }).click();
  await expect(member(bob, 'Alice')).toBeVisible();
  await expect(member(alice, 'Bob').getByText('Admin', { exact: true })).toHaveCount(0);
  await expect(
    bob
      .getByRole('list', { name: 'Members' })
      .getByRole('listitem')
      .first()
      .getByText('Admin', { exact: true }),
  ).toHaveCount(0);
  await expect(
    bob.getByRole('list', { name: 'Members' }).getByRole('button', { name: 'Remove' }),
  ).toHaveCount(0);
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.screenshot({ path: `${SCREENSHOTS}phone-member-roles.png` });
});
