import { composer, connectTo, createRoom, roomTitle, setName } from '../fixtures/secure-flows.ts';
import {
  admit,
  bubble,
  createInviteLink,
  expect,
  sendMessage,
  test,
} from '../fixtures/yam-test.ts';

test('[P-E2E3] A invites B by a link with a key: B is let in at once; they chat; A removes B, who cannot read what follows', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await createRoom(alice, yam.url, 'Secret garden');
  await sendMessage(alice, 'said before Bob came');
  const link = await createInviteLink(alice);
  // The key and the room name travel in the fragment only.
  expect(new URL(link).hash).toMatch(/^#invite=[A-Za-z0-9_-]{43}&name=Secret%20garden$/);
  expect(new URL(link).search).not.toContain('Secret');

  await bob.goto(link);
  const dialog = bob.getByRole('dialog', { name: 'Add room' });
  await expect(dialog.getByRole('textbox', { name: 'Room name' })).toHaveValue('Secret garden');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  // No Accept needed: Alice's client verified the invite MAC and added Bob.
  await expect(composer(bob)).toBeEnabled();
  await expect(alice.getByText('wants to join')).toHaveCount(0);
  // What was said before Bob joined stays unreadable for him.
  await expect(bob.getByText('Sent before you joined')).toBeVisible();
  await expect(bubble(bob, 'said before Bob came')).toHaveCount(0);

  await sendMessage(alice, 'Welcome to the garden');
  await expect(bubble(bob, 'Welcome to the garden')).toBeVisible();
  await sendMessage(bob, 'Lovely roses');
  await expect(bubble(alice, 'Lovely roses')).toBeVisible();

  // Alice removes Bob from the member list, after confirming.
  await alice.getByRole('button', { name: /Members/ }).click();
  const list = alice.getByRole('list', { name: 'Members' });
  await list.getByRole('button', { name: 'Remove' }).first().click();
  const confirm = list.getByRole('group', { name: /from this room\?$/ });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(bob.getByText('You were removed from this room')).toBeVisible();
  await expect(composer(bob)).toBeDisabled();
  // Bob leaves Alice's member list.
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await sendMessage(alice, 'Bob cannot read this');
  await expect(
    bubble(alice, 'Bob cannot read this').getByRole('img', { name: 'Sent' }),
  ).toBeVisible();
  // [P-MEM4] The server ended Bob's subscription: not even the ciphertext reaches him.
  await expect(bob.getByText('Sent after you left the room')).toHaveCount(0);
  await expect(bubble(bob, 'Bob cannot read this')).toHaveCount(0);
});

test('[P-DS5] [P-DS6] without an invite key B waits until A accepts; C, refused, is told', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  const carol = await newDevice();
  await createRoom(alice, yam.url, 'Porch');
  await alice.getByRole('button', { name: 'Room settings' }).click();
  const roomUrl = await alice.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await alice.keyboard.press('Escape');

  await connectTo(bob, roomUrl);
  await expect(bob.getByText('Waiting for a member to let you in...')).toBeVisible();
  await expect(composer(bob)).toBeDisabled();
  await admit(alice, bob);
  await expect(composer(bob)).toBeEnabled();
  await sendMessage(bob, 'Thanks for letting me in');
  await expect(bubble(alice, 'Thanks for letting me in')).toBeVisible();

  await connectTo(carol, roomUrl);
  await expect(carol.getByText('Waiting for a member to let you in...')).toBeVisible();
  // Both members are asked; one answer settles it for everyone.
  const request = alice.getByRole('alert').filter({ hasText: 'wants to join' });
  await request.getByRole('button', { name: 'Refuse' }).click();
  await expect(
    carol.getByText(
      'A member refused your request to join this room. If that is a mistake, ask a member for an invite link.',
    ),
  ).toBeVisible();
  await expect(bob.getByRole('alert').filter({ hasText: 'wants to join' })).toHaveCount(0);
  await expect(composer(carol)).toBeDisabled();
});

test('[P-E2E5] a direct message from A to C appears in C’s room list', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const carol = await newDevice();
  await createRoom(alice, yam.url, 'Lobby');
  await setName(alice, 'Alice');
  const link = await createInviteLink(alice);
  await connectTo(carol, link);
  await expect(composer(carol)).toBeEnabled();
  await setName(carol, 'Carol');

  await alice.getByRole('button', { name: /Members/ }).click();
  await alice.getByRole('button', { name: 'Message Carol' }).click();
  await expect(roomTitle(alice)).toHaveText('Carol');
  await expect(composer(alice)).toBeEnabled();
  await sendMessage(alice, 'Just between us');
  await expect(bubble(alice, 'Just between us').getByRole('img', { name: 'Sent' })).toBeVisible();

  // Carol did nothing: the Welcome put the DM in her list, named after Alice.
  await roomTitle(carol).click();
  await carol.getByRole('menuitem', { name: /Alice/ }).click();
  await expect(roomTitle(carol)).toHaveText('Alice');
  await expect(bubble(carol, 'Just between us')).toBeVisible();
  await sendMessage(carol, 'Deal');
  await expect(bubble(alice, 'Deal')).toBeVisible();
});

test('[P-E2E4] a password room lets in whoever knows the password, without anyone clicking; a wrong one is told, and so are the members', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  const carol = await newDevice();
  await alice.goto(`${yam.url}/`);
  await alice.getByRole('button', { name: 'Create room...' }).click();
  await alice.getByRole('textbox', { name: 'Room name' }).fill('Vault');
  await alice.getByLabel('Password (optional)').fill('open sesame');
  await alice.getByRole('button', { name: 'Create room', exact: true }).click();
  await expect(composer(alice)).toBeEnabled();
  await alice.getByRole('button', { name: 'Room settings' }).click();
  const roomUrl = await alice.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await alice.keyboard.press('Escape');

  await connectTo(bob, roomUrl);
  await expect(bob.getByText('Waiting for a member to let you in...')).toBeVisible();
  // Nothing says the room has a password until someone asks to give one.
  await expect(bob.getByLabel('Room password')).toHaveCount(0);
  await bob.getByRole('button', { name: 'I have the room’s password' }).click();
  await bob.getByLabel('Room password').fill('open sesame');
  await bob.getByRole('button', { name: 'Join with password' }).click();
  await expect(composer(bob)).toBeEnabled();
  // Bob's first request (without the password) is settled too: nothing left to click.
  await expect(alice.getByRole('alert').filter({ hasText: 'wants to join' })).toHaveCount(0);
  await sendMessage(bob, 'The password worked');
  await expect(bubble(alice, 'The password worked')).toBeVisible();

  await connectTo(carol, roomUrl);
  await carol.getByRole('button', { name: 'I have the room’s password' }).click();
  await carol.getByLabel('Room password').fill('open barley');
  await carol.getByRole('button', { name: 'Join with password' }).click();
  await expect(carol.getByText('That password is not right for this room.')).toBeVisible();
  // Refused for its password: the room has one, so the field stays in view.
  await expect(carol.getByLabel('Room password')).toBeVisible();
  await expect(composer(carol)).toBeDisabled();
  // The members see that someone tried a wrong password (a CPace run that failed). [P-PAKE3]
  await expect(alice.getByText('Someone tried a wrong password to join this room.')).toBeVisible();
});

test('[P-DS1] B removes the room in Configure room: B leaves the group, A’s client commits the Remove, B must be let in again', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await createRoom(alice, yam.url, 'Attic');
  await alice.getByRole('button', { name: 'Room settings' }).click();
  const roomUrl = await alice.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await alice.keyboard.press('Escape');
  await connectTo(bob, roomUrl);
  await admit(alice, bob);
  await sendMessage(alice, 'Hello Bob');
  await expect(bubble(bob, 'Hello Bob')).toBeVisible();

  await bob.getByRole('button', { name: 'Room settings' }).click();
  const settings = bob.getByRole('dialog', { name: 'Configure room' });
  await settings.getByRole('button', { name: 'Remove room' }).click();
  await expect(settings.getByRole('alert')).toContainText('You will leave the room');
  await settings.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(settings).toBeHidden();

  // Had Alice's client not removed Bob from the MLS group, admitting him again would add
  // nobody (he would still be in it) and no Welcome would ever let him in.
  await connectTo(bob, roomUrl);
  await expect(bob.getByText('Waiting for a member to let you in...')).toBeVisible();
  await admit(alice, bob);
  await expect(composer(bob)).toBeEnabled();
  await sendMessage(alice, 'Welcome back');
  await expect(bubble(bob, 'Welcome back')).toBeVisible();
});
