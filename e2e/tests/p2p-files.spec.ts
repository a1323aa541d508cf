import type { Page } from '@playwright/test';
import {
  attachFiles,
  opfsTransferFiles,
  p2pFlags,
  randomFile,
  receivedBytes,
  sha256Of,
  transferCard,
} from '../fixtures/p2p.ts';
import { composer, connectTo, setName } from '../fixtures/secure-flows.ts';
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

async function pair(
  newDevice: () => Promise<Page>,
  server: YamTestServer,
  room: string,
  relay = false,
): Promise<[Page, Page]> {
  const a = await newDevice();
  const b = await newDevice();
  await p2pFlags(a, { relay });
  await p2pFlags(b, { relay });
  await openRoom(a, server, room);
  await openRoom(b, server, room);
  return [a, b];
}

async function saveAndHash(page: Page, name: string): Promise<string> {
  const card = transferCard(page, 'receive');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('link', { name: `Save ${name}` }).click(),
  ]);
  const path = await download.path();
  return sha256Of(path);
}

withTurn(
  '[P-SIG5] a 200 MB file goes A→B after Accept, with stages, progress and a matching hash',
  async ({ turnServer, newDevice }) => {
    test.setTimeout(240_000);
    const file = await randomFile(200, 'big.bin');
    try {
      const [a, b] = await pair(newDevice, turnServer, 'files-big');
      await attachFiles(a, [file.path]);
      const sent = transferCard(a, 'send');
      await expect(sent.getByRole('status')).toHaveText('Waiting for the receiver...', {
        timeout: 20_000,
      });
      const incoming = transferCard(b, 'receive');
      await expect(incoming).toContainText('big.bin (210 MB)');
      await expect(incoming).toContainText('Wants to send you files');
      await incoming.getByRole('button', { name: 'Accept' }).click();
      // Progress with speed and time left, on both sides.
      await expect(incoming.locator('.transfer-progress')).toContainText(/of 210 MB · .*\/s · /);
      await expect(sent.locator('progress')).toBeVisible();
      await expect(incoming.getByRole('status')).toHaveText('Done', { timeout: 200_000 });
      await expect(sent.getByRole('status')).toHaveText('Done');
      expect(await saveAndHash(b, 'big.bin')).toBe(file.sha256);
    } finally {
      await file.remove();
    }
  },
);

withTurn(
  '[P-ICE1] relay-only peers connect through our TURN server and move a file',
  async ({ turnServer, newDevice }) => {
    const file = await randomFile(2, 'relayed.bin');
    try {
      const [a, b] = await pair(newDevice, turnServer, 'files-relay', true);
      await attachFiles(a, [file.path]);
      await transferCard(b, 'receive').getByRole('button', { name: 'Accept' }).click();
      await expect(transferCard(b, 'receive').getByRole('status')).toHaveText('Done', {
        timeout: 30_000,
      });
      const types = await a.evaluate(async () => {
        type Manager = {
          connectedPeers(): string[];
          connection(p: string): RTCPeerConnection | undefined;
        };
        const m = (globalThis as unknown as { __yamP2P: Manager }).__yamP2P;
        const pc = m.connection(m.connectedPeers()[0] ?? '');
        if (!pc) return [];
        const stats = await pc.getStats();
        const out: string[] = [];
        stats.forEach((s) => {
          if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated) {
            out.push(
              stats.get(s.localCandidateId)?.candidateType,
              stats.get(s.remoteCandidateId)?.candidateType,
            );
          }
        });
        return out;
      });
      expect(types.length).toBeGreaterThan(0);
      expect(types.every((t) => t === 'relay')).toBe(true);
      expect(await saveAndHash(b, 'relayed.bin')).toBe(file.sha256);
    } finally {
      await file.remove();
    }
  },
);

withTurn(
  'a refused offer tells the sender and saves nothing',
  async ({ turnServer, newDevice }) => {
    const file = await randomFile(1, 'nope.bin');
    try {
      const [a, b] = await pair(newDevice, turnServer, 'files-refuse');
      await attachFiles(a, [file.path]);
      const incoming = transferCard(b, 'receive');
      await incoming.getByRole('button', { name: 'Refuse' }).click();
      await expect(transferCard(a, 'send').getByRole('status')).toHaveText('Refused');
      await expect(incoming.getByRole('status')).toHaveText('Refused');
      await expect(incoming.getByRole('link')).toHaveCount(0);
    } finally {
      await file.remove();
    }
  },
);

withTurn('the receiver cancels mid-way; the sender sees it', async ({ turnServer, newDevice }) => {
  test.setTimeout(120_000);
  const file = await randomFile(150, 'cancel.bin');
  try {
    const [a, b] = await pair(newDevice, turnServer, 'files-cancel');
    await attachFiles(a, [file.path]);
    const incoming = transferCard(b, 'receive');
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => receivedBytes(b), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
    await incoming.getByRole('button', { name: 'Cancel' }).click();
    await expect(transferCard(a, 'send').getByRole('status')).toHaveText(
      'Cancelled: cancelled by the receiver',
    );
    await expect(incoming.getByRole('status')).toContainText('Cancelled');
    await expect(incoming.getByRole('link')).toHaveCount(0);
    // The partial file was written to OPFS as it came, and is deleted on cancel.
    await expect.poll(() => opfsTransferFiles(b)).toBe(0);
  } finally {
    await file.remove();
  }
});

withTurn(
  'a transfer cut mid-way resumes where it stopped and the hash matches',
  async ({ turnServer, newDevice }) => {
    test.setTimeout(180_000);
    const file = await randomFile(120, 'resume.bin');
    try {
      const [a, b] = await pair(newDevice, turnServer, 'files-resume');
      await attachFiles(a, [file.path]);
      const incoming = transferCard(b, 'receive');
      await incoming.getByRole('button', { name: 'Accept' }).click();
      await expect.poll(() => receivedBytes(b), { timeout: 30_000 }).toBeGreaterThan(5_000_000);
      // Cut the peer connection under the transfer (both sides lose the channel).
      await a.evaluate(() => {
        type Manager = { connectedPeers(): string[]; drop(p: string): void };
        const m = (globalThis as unknown as { __yamP2P: Manager }).__yamP2P;
        for (const peer of m.connectedPeers()) m.drop(peer);
      });
      const cutAt = await receivedBytes(b);
      await expect(incoming.getByRole('status')).toHaveText('Connection lost, resuming...');
      await expect(incoming.getByRole('status')).toHaveText('Done', { timeout: 150_000 });
      expect(cutAt).toBeLessThan(file.size);
      expect(await saveAndHash(b, 'resume.bin')).toBe(file.sha256);
    } finally {
      await file.remove();
    }
  },
);

withTurn(
  '[P-SIG5] both sides sending at once (offer glare) still connect and deliver',
  async ({ turnServer, newDevice }) => {
    const one = await randomFile(3, 'from-a.bin');
    const two = await randomFile(3, 'from-b.bin');
    try {
      const [a, b] = await pair(newDevice, turnServer, 'files-glare');
      await Promise.all([attachFiles(a, [one.path]), attachFiles(b, [two.path])]);
      await transferCard(b, 'receive').getByRole('button', { name: 'Accept' }).click();
      await transferCard(a, 'receive').getByRole('button', { name: 'Accept' }).click();
      await expect(transferCard(a, 'receive').getByRole('status')).toHaveText('Done', {
        timeout: 30_000,
      });
      await expect(transferCard(b, 'receive').getByRole('status')).toHaveText('Done', {
        timeout: 30_000,
      });
      expect(await saveAndHash(b, 'from-a.bin')).toBe(one.sha256);
      expect(await saveAndHash(a, 'from-b.bin')).toBe(two.sha256);
    } finally {
      await Promise.all([one.remove(), two.remove()]);
    }
  },
);

withTurn(
  '[P-P2P1] a file goes to members only: a refused guest and a removed member get no offer',
  async ({ turnServer, newDevice }) => {
    test.setTimeout(120_000);
    const file = await randomFile(1, 'members-only.bin');
    try {
      const [alice, dave] = await pair(newDevice, turnServer, 'files-members');
      const bob = await newDevice();
      const carol = await newDevice();
      await p2pFlags(bob);
      await p2pFlags(carol);
      await openRoom(bob, turnServer, 'files-members');
      await setName(bob, 'Bob');
      // Carol asks to join and is refused; she stays connected to the room.
      await connectTo(carol, `${turnServer.url}/?room=files-members`);
      await expect(carol.getByText('Waiting for a member to let you in...')).toBeVisible();
      const request = alice.getByRole('alert').filter({ hasText: 'wants to join' });
      await request.getByRole('button', { name: 'Refuse' }).click();
      await expect(carol.getByText('refused your request to join')).toBeVisible();
      // Alice removes Bob; he stays connected too.
      await alice.getByRole('button', { name: /Members/ }).click();
      const list = alice.getByRole('list', { name: 'Members' });
      await expect(list.getByRole('listitem')).toHaveCount(3);
      await list
        .getByRole('listitem')
        .filter({ hasText: 'Bob' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await list.getByRole('group').getByRole('button', { name: 'Remove' }).click();
      await expect(bob.getByText('You were removed from this room')).toBeVisible();
      await expect(list.getByRole('listitem')).toHaveCount(2);
      await expect(composer(bob)).toBeDisabled();

      await attachFiles(alice, [file.path]);
      const incoming = transferCard(dave, 'receive');
      await expect(incoming).toContainText('Wants to send you files');
      await expect(alice.locator('section.transfer.send')).toHaveCount(1);
      // Give a stray offer time to arrive: none does.
      await bob.waitForTimeout(3_000);
      await expect(bob.locator('section.transfer')).toHaveCount(0);
      await expect(carol.locator('section.transfer')).toHaveCount(0);
    } finally {
      await file.remove();
    }
  },
);
