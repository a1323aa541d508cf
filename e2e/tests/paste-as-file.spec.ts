import { readFile } from 'node:fs/promises';
import { MAX_TEXT_LENGTH } from '@yam/client';
import { p2pFlags, transferCard } from '../fixtures/p2p.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { expect, openRoom, SCREENSHOTS, test } from '../fixtures/yam-test.ts';

// A server with its STUN/TURN on a free port; loopback peers are allowed only for tests.
const withTurn = test.extend<{ turnServer: YamTestServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  turnServer: async ({}, use) => {
    const server = await YamTestServer.start({ turn: { port: 0, allowLoopbackPeers: true } });
    await use(server);
    await server.dispose();
  },
});

withTurn(
  '[issue 11] a paste over the limit offers "Send as a file": kept while nobody can receive it, then sent whole to the people online',
  async ({ turnServer, newDevice }) => {
    const alice = await newDevice({ name: 'Alice' });
    await p2pFlags(alice);
    await openRoom(alice, turnServer, 'long-paste', 'Long paste');
    const field = alice.getByRole('textbox', { name: 'Message' });
    const paste = `${'word '.repeat(4_320)}end`;
    await field.fill(paste);
    const over = paste.length - MAX_TEXT_LENGTH;
    await expect(
      alice.getByText(`${over.toLocaleString('en')} characters over the limit`),
    ).toBeVisible();
    const asFile = alice.getByRole('button', { name: 'Send as a file' });

    // Alone in the room: nobody to receive it, and the text stays.
    await asFile.click();
    await expect(alice.getByRole('alert')).toContainText('Nobody else is online here');
    await expect(field).toHaveValue(paste);

    const bob = await newDevice({ name: 'Bob' });
    await p2pFlags(bob);
    await openRoom(bob, turnServer, 'long-paste', 'Long paste');
    await expect(alice.getByRole('button', { name: /Members · 2 here/ })).toBeVisible();
    await alice.setViewportSize({ width: 390, height: 844 });
    await alice.screenshot({ path: `${SCREENSHOTS}phone-send-as-file.png` });
    await asFile.click();
    await expect(field).toHaveValue('');
    const incoming = transferCard(bob, 'receive');
    await expect(incoming).toContainText('message.txt', { timeout: 20_000 });
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await expect(incoming.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    const [download] = await Promise.all([
      bob.waitForEvent('download'),
      incoming.getByRole('link', { name: 'Save message.txt' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toBe(paste);
  },
);
