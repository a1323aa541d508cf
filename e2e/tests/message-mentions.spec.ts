import { composer, roomTitle, setName } from '../fixtures/secure-flows.ts';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

test('mentions: @ autocomplete, highlight (you distinctly), the room marked "@"; /me and tone tags; after a reload', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await alice.setViewportSize({ width: 1280, height: 800 });
  await openRoom(alice, yam, 'mention-room', 'Mentions');
  await openRoom(bob, yam, 'mention-room', 'Mentions');
  await setName(alice, 'Alice');
  await setName(bob, 'Bob');
  await sendMessage(bob, 'hello');
  await expect(bubble(alice, 'hello')).toBeVisible();
  // Bob moves to another room of his; the mention must reach him there.
  await openRoom(bob, yam, 'bob-elsewhere', 'Elsewhere');
  await expect(roomTitle(bob)).toHaveText('Elsewhere');

  // Alice reacts to Bob's message meanwhile: a reaction is not an unread message.
  await bubble(alice, 'hello').hover();
  await bubble(alice, 'hello').getByRole('button', { name: 'Message actions' }).click();
  await alice.getByRole('menuitem', { name: 'React' }).click();
  await alice
    .getByRole('dialog', { name: 'Pick a reaction' })
    .getByRole('button', { name: 'thumbs up' })
    .first()
    .click();
  await expect(bubble(alice, 'hello').getByRole('button', { name: '👍 1: You' })).toBeVisible();

  // Alice types "@Bo": the members' autocomplete opens; Enter takes Bob.
  await composer(alice).pressSequentially('see you @Bo');
  const list = alice.getByRole('listbox', { name: 'Members' });
  await expect(list.getByRole('option')).toHaveText(['@Bob']);
  await expect(list.getByRole('option', { name: 'Bob' })).toHaveAttribute('aria-selected', 'true');
  await alice.screenshot({ path: '/tmp/shots-msgs/mention-autocomplete-1280.png' });
  await composer(alice).press('Enter');
  await expect(list).toBeHidden();
  await expect(composer(alice)).toHaveValue('see you @Bob ');
  await composer(alice).pressSequentially('at noon /j');
  await composer(alice).press('Enter');
  const sent = bubble(alice, 'see you @Bob at noon');
  await expect(sent.locator('.mention')).toHaveText('@Bob');
  await expect(sent.locator('.mention.me')).toHaveCount(0);
  await expect(sent.getByTitle('/j — joking')).toHaveText('/j');

  // Bob's room switcher shows "@" for the other room; the room's menu entry too.
  const badge = bob.getByTitle('1 mention of you in other rooms');
  await expect(badge).toBeVisible();
  // On a desktop the room sidebar marks that room too.
  const sidebarMark = bob
    .getByRole('navigation', { name: 'Room list' })
    .getByTitle('1 mention of you');
  await expect(sidebarMark).toBeVisible();
  // Messages arrive in order: the reaction came before the mention and is not counted.
  await expect(bob.getByTitle('Unread in other rooms')).toHaveText('1 unread in other rooms');
  await roomTitle(bob).click();
  const item = bob.getByRole('menu', { name: 'Rooms' }).getByRole('menuitem', { name: /Mentions/ });
  await expect(item).toContainText('1 mention of you');
  await item.click();
  await expect(roomTitle(bob)).toHaveText('Mentions');
  await expect(badge).toBeHidden();
  await expect(sidebarMark).toBeHidden();
  const received = bubble(bob, 'see you @Bob at noon');
  await expect(received.locator('.mention.me')).toHaveText('@Bob');
  await expect(
    received.getByRole('tooltip').or(received.getByTitle('/j — joking')),
  ).toHaveAttribute('aria-label', '/j — joking');

  // /me is an action line.
  await sendMessage(bob, '/me waves');
  await expect(alice.getByRole('article', { name: 'Bob waves' })).toHaveText(/\*Bob waves\*/);
  await expect(bob.getByRole('article', { name: 'Bob waves' })).toBeVisible();

  // Phone width: the autocomplete with a click.
  await bob.setViewportSize({ width: 390, height: 844 });
  await composer(bob).pressSequentially('thanks @Al');
  await expect(bob.getByRole('option', { name: 'Alice' })).toBeVisible();
  await bob.screenshot({ path: '/tmp/shots-msgs/mention-autocomplete-390.png' });
  await bob.getByRole('option', { name: 'Alice' }).click();
  await expect(composer(bob)).toHaveValue('thanks @Alice ');
  await composer(bob).press('Enter');
  await expect(bubble(alice, 'thanks @Alice').locator('.mention.me')).toHaveText('@Alice');

  // All of it after a reload.
  for (const page of [alice, bob]) {
    await page.reload();
    await expect(bubble(page, 'see you @Bob at noon').locator('.mention')).toHaveText('@Bob');
    await expect(bubble(page, 'see you @Bob at noon').getByTitle('/j — joking')).toBeVisible();
    await expect(page.getByRole('article', { name: 'Bob waves' })).toBeVisible();
  }
  await expect(bubble(bob, 'see you @Bob at noon').locator('.mention.me')).toHaveText('@Bob');
  await bob.screenshot({ path: '/tmp/shots-msgs/mentions-390.png' });
});
