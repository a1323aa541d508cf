import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { bubble, expect, openRoom, SCREENSHOTS, sendMessage, test } from '../fixtures/yam-test.ts';

// `YAM_README_SCREENSHOT=1` refreshes the README's pictures; otherwise everything goes to
// the gitignored e2e/screenshots/ so a test run leaves the work tree clean.
const readme = (name: string) =>
  process.env.YAM_README_SCREENSHOT === '1'
    ? fileURLToPath(new URL(`../../docs/${name}`, import.meta.url))
    : `${SCREENSHOTS}readme-${name}`;

test('the frame on desktop and phone: chat, panels, welcome, offline', async ({
  yam,
  newDevice,
}) => {
  const maya = await newDevice({ name: 'Maya' });
  const theo = await newDevice({ name: 'Theo' });
  // Maya's other rooms fill the desktop sidebar.
  await openRoom(maya, yam, 'book-club', 'Book club');
  await openRoom(maya, yam, 'flat-share', 'Flat share');
  await openRoom(maya, yam, 'weekend-hike', 'Weekend hike');
  await openRoom(theo, yam, 'weekend-hike', 'Weekend hike');
  await pickColour(theo, 'Mint');

  const script: [Page, string][] = [
    [maya, 'Morning! Are we still on for the ridge trail on Saturday?'],
    [theo, 'Yes! Forecast says sunny until 3pm.'],
    [theo, 'I can drive. Pick-up at 8 at the station?'],
    [maya, 'Perfect. I will bring sandwiches and the roasted yams from last night.'],
    [theo, 'Best trail food there is. See you at 8!'],
  ];
  for (const [page, text] of script) {
    await sendMessage(page, text);
    await expect(bubble(page, text).getByRole('img', { name: 'Sent' })).toBeVisible();
    await expect(bubble(page === maya ? theo : maya, text)).toBeVisible();
  }
  await maya.getByRole('textbox', { name: 'Message' }).fill('Shall I bring a map as well?');
  await maya.screenshot({ path: readme('screenshot.png') });
  await maya.screenshot({ path: readme('screenshot-desktop.png') });

  await theo.setViewportSize({ width: 390, height: 844 });
  await theo.screenshot({ path: readme('screenshot-phone.png') });
  await theo.screenshot({ path: `${SCREENSHOTS}phone-chat.png` });
  await theo.getByRole('button', { name: 'Room settings' }).click();
  await theo.screenshot({ path: `${SCREENSHOTS}phone-room-panel.png` });
  await theo.keyboard.press('Escape');
  await theo.getByRole('button', { name: 'Profile' }).click();
  await theo.screenshot({ path: `${SCREENSHOTS}phone-profile.png` });
  await theo.keyboard.press('Escape');

  await maya.getByRole('button', { name: 'Room settings' }).click();
  await maya.screenshot({ path: `${SCREENSHOTS}desktop-room-panel.png` });
  await maya.keyboard.press('Escape');

  await yam.stop();
  await expect(theo.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await sendMessage(theo, 'Written on the train, no signal');
  await expect(bubble(theo, 'no signal').getByRole('img', { name: 'Sending' })).toBeVisible();
  await theo.screenshot({ path: `${SCREENSHOTS}phone-offline.png` });
  await yam.start();

  const fresh = await newDevice();
  await fresh.goto(`${yam.url}/`);
  await expect(fresh.getByRole('button', { name: 'Create room' })).toBeVisible();
  await fresh.screenshot({ path: `${SCREENSHOTS}desktop-welcome.png` });
  await fresh.setViewportSize({ width: 390, height: 844 });
  await fresh.screenshot({ path: `${SCREENSHOTS}phone-welcome.png` });
});

async function pickColour(page: Page, colour: string) {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('radio', { name: colour }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.keyboard.press('Escape');
}
