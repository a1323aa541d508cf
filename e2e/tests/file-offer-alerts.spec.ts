import type { Page } from '@playwright/test';
import { attachFiles, p2pFlags, randomFile, transferCard } from '../fixtures/p2p.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { expect, openRoom, test } from '../fixtures/yam-test.ts';

// A server with its STUN/TURN on a free port; loopback peers are allowed only for tests.
const withTurn = test.extend<{ turnServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  turnServer: async ({}, use) => {
    const server = await YamTestServer.start({ turn: { port: 0, allowLoopbackPeers: true } });
    await use(server);
    await server.dispose();
  },
});

type Spy = { __notes: { title: string; body: string }[]; __hidden: boolean; __chimes: number };

/** Records what the page asks of the Notification API and lets the test hide the tab. */
async function spyOnAlerts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Spy;
    w.__notes = [];
    w.__hidden = false;
    w.__chimes = 0;
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission() {
        FakeNotification.permission = 'granted';
        return 'granted' as const;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        w.__notes.push({ title, body: options.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification });
    Object.defineProperty(document, 'visibilityState', {
      get: () => (w.__hidden ? 'hidden' : 'visible'),
    });
  });
}

async function hide(page: Page) {
  await page.evaluate(() => {
    (window as unknown as Spy).__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

async function show(page: Page) {
  await page.evaluate(() => {
    (window as unknown as Spy).__hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

const notes = (page: Page) =>
  page.evaluate(() => (window as unknown as Spy).__notes.map((n) => `${n.title}|${n.body}`));

withTurn(
  'a file offer to a hidden tab notifies "… wants to send you report.pdf" and counts; "Nothing" keeps it quiet',
  async ({ turnServer, newDevice }) => {
    test.setTimeout(120_000);
    const file = await randomFile(1, 'report.pdf');
    try {
      const alice = await newDevice();
      const bob = await newDevice();
      await p2pFlags(alice);
      await p2pFlags(bob);
      await spyOnAlerts(bob);
      await openRoom(alice, turnServer, 'offer-alerts', 'Weekend plans');
      await openRoom(bob, turnServer, 'offer-alerts', 'Weekend plans');
      await bob.getByRole('button', { name: 'Profile' }).click();
      await bob.getByRole('button', { name: 'Turn on notifications' }).click();
      await expect(bob.getByText('Notifications are on for this browser.')).toBeVisible();
      await bob.keyboard.press('Escape');

      // Seen while the tab shows the room: the files bar holds it, nothing pops up.
      await attachFiles(alice, [file.path]);
      await expect(transferCard(bob, 'receive')).toContainText('report.pdf');
      expect(await notes(bob)).toEqual([]);
      await transferCard(bob, 'receive').getByRole('button', { name: 'Refuse' }).click();

      await hide(bob);
      await attachFiles(alice, [file.path]);
      await expect
        .poll(() => notes(bob))
        .toEqual([expect.stringMatching(/^Weekend plans\|.+ wants to send you report\.pdf$/)]);
      await expect(bob).toHaveTitle('(1) Weekend plans · Yam');
      await show(bob);
      await expect(bob).toHaveTitle('Weekend plans · Yam');

      // Muted room: the offer still counts in the title, but no notification.
      await bob.getByRole('button', { name: 'Room settings' }).click();
      await bob.getByLabel('Notify me').selectOption({ label: 'Nothing' });
      await bob.keyboard.press('Escape');
      await hide(bob);
      await attachFiles(alice, [file.path]);
      await expect(bob).toHaveTitle('(1) Weekend plans · Yam');
      expect(await notes(bob)).toHaveLength(1);
    } finally {
      await file.remove();
    }
  },
);
