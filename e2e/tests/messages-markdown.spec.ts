import type { Page } from '@playwright/test';
import { MAX_TEXT_LENGTH } from '@yam/client';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

const MESSAGE = [
  '*bold* _italic_ ~strike~ `code` see https://example.org/yam?room=1',
  '> a quoted line',
  'my reply',
  '- first item',
  '- second item',
  '[x](javascript:alert(1)) <img src=x onerror=alert(1)>',
].join('\n');

test('Markdown a person writes shows formatted to the others, links safe', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'md-room', 'Markdown');
  await openRoom(bob, yam, 'md-room', 'Markdown');
  const dialogs: string[] = [];
  bob.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const field = alice.getByRole('textbox', { name: 'Message' });
  await field.fill(MESSAGE);
  await field.press('Enter');

  const seen = bubble(bob, 'a quoted line');
  await expect(seen.locator('strong')).toHaveText('bold');
  await expect(seen.locator('em')).toHaveText('italic');
  await expect(seen.locator('s')).toHaveText('strike');
  await expect(seen.locator('code')).toHaveText('code');
  await expect(seen.locator('blockquote')).toHaveText('a quoted line');
  await expect(seen.locator('blockquote')).not.toContainText('my reply');
  await expect(seen.locator('ul > li')).toHaveText(['first item', 'second item']);
  // Only the real address is a link, opened in a new tab without opener or referrer.
  const link = seen.getByRole('link');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', 'https://example.org/yam?room=1');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(seen).toContainText('[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
  await expect(seen.locator('img, script')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // The list has a date separator above today's first message.
  await expect(bob.getByRole('heading', { name: 'Today' })).toBeVisible();
});

test('Shift+Enter adds a line and the composer grows; Enter sends', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  const bob = await newDevice();
  await openRoom(alice, yam, 'lines-room', 'Lines');
  await openRoom(bob, yam, 'lines-room', 'Lines');

  const field = alice.getByRole('textbox', { name: 'Message' });
  await field.fill('first line');
  const oneLine = await height(field);
  await field.press('Shift+Enter');
  await field.pressSequentially('second line');
  await field.press('Shift+Enter');
  await field.pressSequentially('third line');
  await expect(field).toHaveValue('first line\nsecond line\nthird line');
  expect(await height(field)).toBeGreaterThan(oneLine * 2);
  await field.press('Enter');
  await expect(field).toHaveValue('');
  await expect.poll(() => height(field)).toBe(oneLine);

  const seen = bubble(bob, 'first line');
  // Three lines on screen, and the same three lines when copied.
  await expect(seen.locator('.text')).toHaveText('first line\nsecond line\nthird line');
  expect(await seen.locator('.text').innerText()).toBe('first line\nsecond line\nthird line');
});

test('a paste over the limit is kept whole: the composer says by how much, Send waits', async ({
  yam,
  newDevice,
}) => {
  const alice = await newDevice();
  await openRoom(alice, yam, 'long-room', 'Long');
  await alice.setViewportSize({ width: 390, height: 844 });

  const field = alice.getByRole('textbox', { name: 'Message' });
  const send = alice.getByRole('button', { name: 'Send', exact: true });
  const paste = 'word '.repeat(4_320); // 21,600 characters
  await field.fill(paste);
  await expect(field).toHaveValue(paste);
  const over = paste.trim().length - MAX_TEXT_LENGTH;
  await expect(
    alice.getByText(`${over.toLocaleString('en')} characters over the limit`),
  ).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(send).toBeDisabled();
  await field.press('Enter');
  await expect(field).toHaveValue(paste);
  await expect(alice.getByRole('article')).toHaveCount(0);

  // Cut down to fit: a countdown, then it sends whole.
  const fits = 'y'.repeat(MAX_TEXT_LENGTH - 10);
  await field.fill(fits);
  await expect(alice.getByText('10 characters left')).toBeVisible();
  await expect(send).toBeEnabled();
  await send.click();
  await expect(field).toHaveValue('');
  await expect(alice.getByRole('article')).toHaveCount(1);
});

test('own timestamps read at 4.5:1 on a light bubble colour', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  await openRoom(alice, yam, 'sand-room', 'Sand');
  await alice.getByRole('button', { name: 'Profile' }).click();
  await alice.getByRole('radio', { name: 'Sand' }).check();
  await alice.getByRole('button', { name: 'Save', exact: true }).click();
  await alice.keyboard.press('Escape');
  await sendMessage(alice, 'On sand');
  const own = bubble(alice, 'On sand');
  await expect(own.getByRole('img', { name: 'Sent' })).toBeVisible();
  const ratio = await own.locator('.bubble').evaluate((el) => {
    const rgb = (css: string) =>
      css
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
    const lum = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((c) => c / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const time = el.querySelector('time')!;
    const [a, b] = [
      lum(rgb(getComputedStyle(time).color)),
      lum(rgb(getComputedStyle(el).backgroundColor)),
    ];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(4.5);
});

function height(field: ReturnType<Page['getByRole']>): Promise<number> {
  return field.evaluate((el) => el.getBoundingClientRect().height);
}
