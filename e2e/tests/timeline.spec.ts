import type { Page } from '@playwright/test';
import { composer, connectTo, createRoom } from '../fixtures/secure-flows.ts';
import { Seeder } from '../fixtures/seed.ts';
import {
  bubble,
  createInviteLink,
  expect,
  openRoom,
  SCREENSHOTS,
  sendMessage,
  test,
} from '../fixtures/yam-test.ts';

// Issue 11 (part 2): the first-run name, the desktop room sidebar, and the timeline's
// unread divider, "New messages ↓" pill and collapsed notice of unreadable messages.

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Room list' });

async function roomUrlOf(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Room settings' }).click();
  const url = await page.getByRole('textbox', { name: 'Room URL' }).inputValue();
  await page.keyboard.press('Escape');
  return url;
}

test('[issue 11] a new person is asked for a name and a colour before their first room; members see the name, never an ID', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice({ name: 'Alice' });
  await createRoom(alice, yam.url, 'Porch');
  const bob = await newDevice({ name: false });
  await connectTo(bob, await roomUrlOf(alice));

  const ask = bob.getByRole('heading', { name: 'What should people call you?' });
  await expect(ask).toBeVisible();
  await expect(composer(bob)).toHaveCount(0);
  await bob.screenshot({ path: `${SCREENSHOTS}desktop-first-run.png` });
  await bob.getByRole('button', { name: 'Continue' }).click();
  await expect(bob.getByRole('alert')).toContainText('Type a name first');
  await bob.getByRole('textbox', { name: 'Name' }).fill('Bob');
  await bob.getByRole('radio', { name: 'Mint' }).check();
  await bob.getByRole('button', { name: 'Continue' }).click();
  await expect(ask).toBeHidden();

  // Asked without an invite, the request cannot carry the name (the server would see it):
  // it says "Someone" and a short code, never "Guest-…" or a hex ID.
  const request = alice.getByRole('alert').filter({ hasText: 'wants to join' });
  await expect(request).toHaveText(/^Someone \d{4} wants to join/);
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(composer(bob)).toBeEnabled();
  await sendMessage(bob, 'Hello from the porch');
  await expect(bubble(alice, 'Hello from the porch')).toContainText('Bob');
  // The colour chosen at first run (Mint) is Bob's bubble colour for the others too.
  await expect(bubble(alice, 'Hello from the porch').locator('.bubble')).toHaveCSS(
    'background-color',
    'rgb(191, 232, 210)',
  );

  // The name stays chosen: no prompt after a reload.
  await bob.reload();
  await expect(composer(bob)).toBeEnabled();
  await expect(ask).toHaveCount(0);
  await expect(bob.getByRole('button', { name: 'Profile' })).toBeVisible();
});

test('[issue 11] a new person joining by invite link shows with their chosen name', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice({ name: 'Alice' });
  await createRoom(alice, yam.url, 'Garden');
  const invite = await createInviteLink(alice);
  const carol = await newDevice({ name: false });
  await carol.setViewportSize({ width: 390, height: 844 });
  await connectTo(carol, invite);
  await expect(carol.getByRole('heading', { name: 'What should people call you?' })).toBeVisible();
  await carol.screenshot({ path: `${SCREENSHOTS}phone-first-run.png` });
  await carol.getByRole('textbox', { name: 'Name' }).fill('Carol');
  await carol.getByRole('button', { name: 'Continue' }).click();
  await expect(composer(carol)).toBeEnabled();
  await sendMessage(carol, 'Thanks for the link');
  await expect(bubble(alice, 'Thanks for the link')).toContainText('Carol');
  await expect(alice.locator('.system-line').filter({ hasText: 'added Carol' })).toBeVisible();
});

for (const size of [
  { width: 1280, height: 800, name: 'desktop' },
  { width: 390, height: 844, name: 'phone' },
]) {
  test(`[issue 11] the room sidebar (${size.name}): unread counts for a room not shown, the open room marked`, async ({
    yam,
    newDevice,
  }) => {
    const page = await newDevice();
    await page.setViewportSize(size);
    await openRoom(page, yam, 'quiet', 'Quiet');
    await openRoom(page, yam, 'busy', 'Busy');
    const invite = await createInviteLink(page);
    await openRoom(page, yam, 'quiet', 'Quiet');

    const bot = await Seeder.start(yam.url, 'busy', { invite });
    await bot.send(['one', 'two'], 'Bot');
    await bot.close();
    if (size.name === 'phone') {
      // A phone keeps the dropdown; the sidebar is not there.
      await expect(sidebar(page)).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 }).getByRole('button')).toContainText('2');
      return;
    }
    const list = sidebar(page);
    await expect(list.getByRole('button', { name: /Busy.*2 unread/ })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Quiet' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(list.getByRole('button', { name: 'Add room...' })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Create room...' })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}desktop-sidebar-unread.png` });
    await list.getByRole('button', { name: /Busy/ }).click();
    await expect(bubble(page, 'two')).toBeVisible();
    await expect(list.getByRole('button', { name: 'Busy' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(list.getByRole('button', { name: /Busy/ })).not.toContainText('unread');
  });
}

test('[issue 11] "New messages" divider at the first unread on opening a room, and the "New messages ↓" pill when scrolled up', async ({
  yam,
  newDevice,
}) => {
  const bot = (await Seeder.start(yam.url, 'news')).acceptAll();
  try {
    const page = await newDevice();
    await openRoom(page, yam, 'news', 'News');
    await bot.send(['read one', 'read two'], 'Bot');
    await expect(bubble(page, 'read two')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'New messages' })).toHaveCount(0);

    await openRoom(page, yam, 'elsewhere', 'Elsewhere');
    await bot.send(['fresh one', 'fresh two'], 'Bot');
    await sidebar(page).getByRole('button', { name: /News/ }).click();
    const divider = page.getByRole('heading', { name: 'New messages' });
    await expect(divider).toBeVisible();
    // Right above the first message that came while the room was not open.
    const row = page.locator('.vlist-row').filter({ has: divider });
    await expect(row.getByRole('article')).toContainText('fresh one');

    // Following the bottom, new messages just appear; scrolled up, the pill says so.
    const many = Array.from({ length: 30 }, (_, i) => `filler ${i + 1} of 30`);
    await bot.send(many, 'Bot');
    await expect(bubble(page, 'filler 30 of 30')).toBeVisible();
    const pill = page.getByRole('button', { name: 'New messages ↓' });
    await expect(pill).toHaveCount(0);
    // Scrolled up as a person does, with the wheel.
    await page.getByRole('log', { name: 'Messages' }).hover();
    await page.mouse.wheel(0, -3000);
    await expect(bubble(page, 'fresh one')).toBeInViewport();
    await expect(bubble(page, 'filler 30 of 30')).not.toBeInViewport();
    await bot.send(['latest news'], 'Bot');
    await expect(pill).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}desktop-new-messages-pill.png` });
    await pill.click();
    await expect(bubble(page, 'latest news')).toBeInViewport();
    await expect(pill).toHaveCount(0);
  } finally {
    await bot.close();
  }
});

test('[issue 11] messages sent before someone joined show as one notice with "Request history from others" inside', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice({ name: 'Alice' });
  const bob = await newDevice({ name: 'Bob' });
  await openRoom(alice, yam, 'late', 'Late');
  for (const text of ['before one', 'before two', 'before three']) {
    await sendMessage(alice, text);
    await expect(bubble(alice, text).getByRole('img', { name: 'Sent' })).toBeVisible();
  }
  await openRoom(bob, yam, 'late', 'Late');
  const notice = bob.locator('.unreadable-notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("3 earlier messages can't be read on this device");
  await expect(notice.getByRole('button', { name: 'Request history from others' })).toBeVisible();
  await expect(bob.getByRole('article')).toHaveCount(0);
  await sendMessage(alice, 'after Bob joined');
  await expect(bubble(bob, 'after Bob joined')).toBeVisible();
  await bob.setViewportSize({ width: 390, height: 844 });
  await bob.screenshot({ path: `${SCREENSHOTS}phone-unreadable-notice.png` });
});

test('[issue 11] read markers: "Seen by Bob" under what Bob read; "Send read receipts" off sends none and shows none', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice({ name: 'Alice' });
  const bob = await newDevice({ name: 'Bob' });
  await openRoom(alice, yam, 'seen', 'Seen');
  await openRoom(bob, yam, 'seen', 'Seen');
  await sendMessage(alice, 'Did you see this?');
  await expect(bubble(bob, 'Did you see this?')).toBeVisible();
  const seenByBob = alice.getByText('Seen by Bob');
  await expect(seenByBob).toBeVisible();
  await expect(alice.locator('.vlist-row').filter({ has: seenByBob })).toContainText(
    'Did you see this?',
  );
  await alice.screenshot({ path: `${SCREENSHOTS}desktop-seen-by.png` });
  // Marks are control messages, reported once: this device keeps them, so a reload shows them.
  await alice.reload();
  await expect(bubble(alice, 'Did you see this?')).toBeVisible();
  await expect(alice.locator('.vlist-row').filter({ has: seenByBob })).toContainText(
    'Did you see this?',
  );

  // Alice turns read receipts off: she sees no "Seen by", and tells nobody what she read.
  await alice.getByRole('button', { name: 'Profile' }).click();
  const box = alice.getByRole('checkbox', { name: 'Send read receipts' });
  await expect(box).toBeChecked();
  await box.uncheck();
  await alice.keyboard.press('Escape');
  await expect(seenByBob).toHaveCount(0);
  await sendMessage(bob, 'Yes, I did');
  await expect(bubble(alice, 'Yes, I did')).toBeVisible();
  await sendMessage(bob, 'And one more');
  await expect(bubble(alice, 'And one more')).toBeVisible();
  await sendMessage(alice, 'Noted');
  await expect(bubble(bob, 'Noted')).toBeVisible();
  await expect(bob.getByText(/Seen by/)).toHaveCount(0);

  // Back on: her next read is told again.
  await alice.getByRole('button', { name: 'Profile' }).click();
  await box.check();
  await alice.keyboard.press('Escape');
  await sendMessage(bob, 'Still there?');
  await expect(bubble(alice, 'Still there?')).toBeVisible();
  await expect(bob.getByText('Seen by Alice')).toBeVisible();
});
