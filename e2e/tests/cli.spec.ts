import { YamCli } from '../fixtures/cli.ts';
import { bubble, expect, openRoom, sendMessage, test } from '../fixtures/yam-test.ts';

test('the CLI and the browser talk in one room, both ways', async ({ yam, newDevice }) => {
  const cli = await YamCli.create();
  try {
    const roomUrl = `${yam.url}/?room=bots`;
    const page = await newDevice();
    await openRoom(page, yam, 'bots');

    // Not a member yet and no invite: the CLI asks, the browser's user accepts.
    const sending = cli.run(['send', roomUrl, 'hello from cli', '--name', 'Robot']);
    const request = page.getByRole('alert').filter({ hasText: 'wants to join' });
    await request.getByRole('button', { name: 'Accept' }).click();
    expect(JSON.parse(await sending)).toMatchObject({ room: 'bots' });
    await expect(bubble(page, 'hello from cli')).toContainText('Robot');
    await expect(bubble(page, 'hello from cli')).toHaveClass(/\bother\b/);

    const listen = cli.start(['listen', roomUrl]);
    await expect.poll(listen.stderr, { timeout: 15_000 }).toContain('listening to bots');
    await sendMessage(page, 'hello from the browser');
    await expect
      .poll(() => listen.lines.map((line) => JSON.parse(line).text), { timeout: 15_000 })
      .toContain('hello from the browser');
    expect(listen.lines.map((line) => JSON.parse(line).text)).not.toContain('hello from cli');
  } finally {
    await cli.dispose();
  }
});
