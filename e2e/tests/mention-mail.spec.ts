import { SmtpSink } from '../../apps/server/test/mail/smtp-sink.ts';
import { composer, setName } from '../fixtures/secure-flows.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

// A server that sends e-mail through a real local SMTP server (the `smtp-server` package).
const withMail = test.extend<{ mail: { server: YamTestServer; sink: SmtpSink } }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their deps.
  mail: async ({}, use) => {
    const sink = await SmtpSink.start();
    const server = await YamTestServer.start({ mail: { smtpUrl: sink.url } });
    await use({ server, sink });
    await server.dispose();
    await sink.close();
  },
});

withMail(
  'Profile "E-mail me when I\'m mentioned": an @mention while Bob is away mails him, without the message; the address can be removed',
  async ({ mail, newDevice }) => {
    const { server, sink } = mail;
    const alice = await newDevice();
    const bob = await newDevice();
    await openRoom(alice, server, 'mail-room', 'Mentions');
    await openRoom(bob, server, 'mail-room', 'Mentions');
    await setName(alice, 'Alice');
    await setName(bob, 'Bob');
    await sendMessage(bob, 'hello');
    await expect(bubble(alice, 'hello')).toBeVisible();

    await bob.getByRole('button', { name: 'Profile' }).click();
    const profile = bob.getByRole('dialog', { name: 'Profile' });
    await expect(profile.getByText(/keeps the address only for that/)).toBeVisible();
    await profile.getByRole('textbox', { name: 'E-mail address' }).fill('bob@example.net');
    await profile.getByRole('button', { name: 'Save address' }).click();
    await expect(profile.getByText('You will get an e-mail when mentioned')).toBeVisible();
    await bob.close();

    await composer(alice).pressSequentially('lunch at one, @Bo');
    await composer(alice).press('Enter');
    await composer(alice).press('Enter');
    await expect(bubble(alice, 'lunch at one, @Bob')).toBeVisible();
    const [mailed] = await sink.waitFor(1);
    expect(mailed!.to).toEqual(['bob@example.net']);
    expect(mailed!.raw).toContain(`You were mentioned in a room on ${new URL(server.url).host}`);
    for (const secret of ['lunch', 'Alice', 'Mentions', 'mail-room']) {
      expect(mailed!.raw).not.toContain(secret);
    }

    // Bob comes back and removes the address: the server forgets it.
    const again = await bob.context().newPage();
    await openRoom(again, server, 'mail-room', 'Mentions');
    await again.getByRole('button', { name: 'Profile' }).click();
    const field = again.getByRole('textbox', { name: 'E-mail address' });
    await expect(field).toHaveValue('bob@example.net');
    await again.getByRole('button', { name: 'Remove address' }).click();
    await expect(again.getByText('Address removed.')).toBeVisible();
    await expect(again.getByRole('button', { name: 'Remove address' })).toHaveCount(0);
  },
);

test('without --smtp the Profile says the server sends no e-mail', async ({ yam, newDevice }) => {
  const alice = await newDevice();
  await openRoom(alice, yam, 'no-mail');
  await alice.getByRole('button', { name: 'Profile' }).click();
  await expect(alice.getByText(/does not send e-mail/)).toBeVisible();
  await expect(alice.getByRole('textbox', { name: 'E-mail address' })).toHaveCount(0);
});
