import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectTo } from '../fixtures/secure-flows.ts';
import { Seeder } from '../fixtures/seed.ts';
import { bubble, expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

// Issue 11's security and accessibility checks: a corpus of hostile messages goes through
// the real renderer in a browser (nothing runs, no script links, CSP quiet), and axe finds
// nothing serious or critical on the main screens.

const PWN = 'window.__pwned=1';

/** Messages trying every way we know to run script or smuggle a dangerous link. */
const CORPUS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `<svg onload=${PWN}>`,
  `<a href="javascript:${PWN}">html link</a>`,
  `<iframe src="javascript:${PWN}"></iframe>`,
  `<style>body{display:none}</style>`,
  `[click me](javascript:${PWN})`,
  `[mixed case](JaVaScRiPt:${PWN})`,
  `[entity](java&#x09;script:${PWN})`,
  `[tab](java\tscript:${PWN})`,
  `[zero width](java\u200bscript:${PWN})`,
  `[data](data:text/html,<script>${PWN}</script>)`,
  `[vb](vbscript:msgbox(1))`,
  `![image](javascript:${PWN})`,
  `<javascript:${PWN}>`,
  `https://example.org/"><img src=x onerror=${PWN}>`,
  `*<b onmouseover="${PWN}">bold</b>* _<i onclick="${PWN}">it</i>_ ~<s>x</s>~`,
  `> _*~\`<svg onload=${PWN}>\`~*_`,
  `\`\`\`html\n<script>${PWN}</script>\n\`\`\``,
  `- [a](javascript:${PWN})\n  - [b](data:image/svg+xml,<svg onload=${PWN}>)`,
  `\u202ehttps://example.org/gpj.exe \u2066<img src=x onerror=${PWN}>\u2069`,
  `mailto:x@example.org?body=<script>${PWN}</script>`,
  `${'> '.repeat(300)}deep quote`,
  `${'*_~'.repeat(1500)}nested${'~_*'.repeat(1500)}`,
  `${'['.repeat(2000)}x${'](javascript:1)'.repeat(500)}`,
  `long ${'a'.repeat(14_000)}`,
];
const END = 'end of the corpus';

async function watchForAttacks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      );
    });
  });
}

/** What the rendered rows in view hold that must never be there. */
async function dangersInView(page: Page) {
  return page.getByRole('log', { name: 'Messages' }).evaluate((log) => {
    const found: string[] = [];
    const seen = [...log.querySelectorAll('article[data-cmid]')].map((a) =>
      a.getAttribute('data-cmid'),
    );
    for (const el of log.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(el.tagName)) {
        found.push(el.tagName);
      }
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name)) {
          // Browsers skip whitespace and invisible characters in a scheme: so does this check.
          const value = [...attr.value]
            .filter((c) => c.charCodeAt(0) > 0x20 && !/[\u200b-\u200f]/.test(c))
            .join('')
            .toLowerCase();
          if (/^(javascript|data|vbscript):/.test(value)) found.push(`${attr.name}=${attr.value}`);
        }
      }
    }
    return { found, seen };
  });
}

test('[issue 11] an XSS corpus through the real renderer: nothing runs, no script links, the CSP reports nothing', async ({
  yam,
  newDevice,
}) => {
  const bot = (await Seeder.start(yam.url, 'hostile')).acceptAll();
  try {
    const page = await newDevice();
    await watchForAttacks(page);
    await openRoom(page, yam, 'hostile', 'Hostile');
    await bot.send([...CORPUS, END], '<img src=x onerror=window.__pwned=1>');
    await expect(bubble(page, END)).toBeVisible();
    const log = page.getByRole('log', { name: 'Messages' });
    const found: string[] = [];
    const seen = new Set<string | null>();
    const check = async () => {
      const view = await dangersInView(page);
      found.push(...view.found);
      for (const cmid of view.seen) seen.add(cmid);
    };
    // The list is virtual: walk up through all of it, checking what is rendered.
    for (let step = 0; step < 200; step++) {
      await check();
      const top = await log.evaluate((el) => {
        el.scrollTop -= el.clientHeight;
        return el.scrollTop;
      });
      await page.waitForTimeout(100);
      if (top <= 0) {
        await check();
        break;
      }
    }
    // Every message of the corpus was rendered as a bubble and checked.
    expect(seen.size).toBe(CORPUS.length + 1);
    expect(found).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  } finally {
    await bot.close();
  }
});

/** Serious and critical axe findings, as "rule: target" lines (empty when clean). */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary}`));
}

test('[issue 11] axe: no serious or critical findings on the welcome screen, the first-run prompt, a room (desktop and phone) and the profile dialog', async ({
  yam,
  newDevice,
}) => {
  const fresh = await newDevice({ name: false });
  await fresh.goto(`${yam.url}/`);
  await expect(fresh.getByRole('button', { name: 'Create room...' })).toBeVisible();
  expect(await axeFindings(fresh), 'welcome').toEqual([]);

  const alice = await newDevice({ name: 'Alice' });
  await openRoom(alice, yam, 'axe-room', 'Axe room');
  await alice.getByRole('textbox', { name: 'Message' }).fill('Before Bob');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bubble(alice, 'Before Bob').getByRole('img', { name: 'Sent' })).toBeVisible();

  await connectTo(fresh, `${yam.url}/?room=axe-room`);
  await expect(fresh.getByRole('heading', { name: 'What should people call you?' })).toBeVisible();
  expect(await axeFindings(fresh), 'first-run prompt').toEqual([]);
  await fresh.getByRole('textbox', { name: 'Name' }).fill('Bob');
  await fresh.getByRole('button', { name: 'Continue' }).click();
  const request = alice.getByRole('alert').filter({ hasText: 'wants to join' });
  expect(await axeFindings(alice), 'join request').toEqual([]);
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(fresh.getByRole('textbox', { name: 'Message' })).toBeEnabled();
  await fresh.getByRole('textbox', { name: 'Message' }).fill('*Hello* from Bob');
  await fresh.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bubble(alice, 'Hello from Bob')).toBeVisible();

  expect(await axeFindings(alice), 'room, desktop').toEqual([]);
  expect(await axeFindings(fresh), 'room with unreadable notice, desktop').toEqual([]);
  await fresh.setViewportSize({ width: 390, height: 844 });
  expect(await axeFindings(fresh), 'room, phone').toEqual([]);
  await fresh.screenshot({ path: `${SCREENSHOTS}phone-axe-room.png` });

  await alice.getByRole('button', { name: 'Profile' }).click();
  await expect(alice.getByRole('dialog', { name: 'Profile' })).toBeVisible();
  expect(await axeFindings(alice), 'profile dialog').toEqual([]);
});
