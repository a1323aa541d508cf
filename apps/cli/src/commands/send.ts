import { parseArgs } from 'node:util';
import { type AckInfo, encodeContent, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '@yam/client';
import { CliError, warn } from '../cli-error.ts';
import { ensureMember } from '../membership.ts';
import { connectOnce, openRoomClient, roomAddressArg } from '../room-client.ts';

export const SEND_HELP = `Usage: yam send <Room URL> <text...> [--name NAME] [--timeout SECONDS]

Sends one end-to-end encrypted text message and waits until the server has stored it,
then prints {"room":"<id>","seq":<n>} on stdout. A device that is not a member yet
creates the room when it is new, joins with the invite key of an invite link
(yam invite), or else asks the members and waits for one to let it in.

  --name NAME        display name in the message (default: "name" in $YAM_HOME/identity.json)
  --password PW      the room's password (creating: set it; joining: prove it)
  --timeout SECONDS  give up after this long (default 15; also for joining)
  -h, --help         show this help`;

/** `yam send`: connect, join, send one text message, wait for its ack. */
export async function sendCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      password: { type: 'string' },
      timeout: { type: 'string', default: '15' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${SEND_HELP}\n`);
    return 0;
  }
  const address = roomAddressArg(positionals[0]);
  const text = positionals.slice(1).join(' ');
  if (!text) throw new CliError('nothing to send: give the text after the Room URL', 2);
  if (text.length > MAX_TEXT_LENGTH)
    throw new CliError(`text longer than ${MAX_TEXT_LENGTH} characters`, 2);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new CliError('--timeout must be a positive number of seconds', 2);

  const { rooms, me, close } = openRoomClient(address.server);
  const name = (values.name ?? me.name)?.slice(0, MAX_NAME_LENGTH);
  // A lost commit race is handled (the room exists: join it); not worth a warning.
  rooms.on('error', (e) => e.code !== 'EPOCH_CONFLICT' && warn(`${e.code}: ${e.message}`));
  try {
    await connectOnce(rooms, timeoutMs);
    await ensureMember(rooms, address.room, positionals[0]!, {
      ...(name ? { name } : {}),
      ...(values.password ? { password: values.password } : {}),
      timeoutMs,
    });
    const payload = encodeContent({
      type: 'text',
      text,
      ...(name ? { name } : {}),
      sentAt: Date.now(),
    });
    const receipt = await rooms.send(address.room, payload);
    const ack = await withinTimeout(receipt.acked, timeoutMs);
    process.stdout.write(`${JSON.stringify({ room: ack.room, seq: ack.seq })}\n`);
    return 0;
  } finally {
    await close();
  }
}

// The receipt cannot miss the ack; the CLI only bounds how long it waits for it.
function withinTimeout(acked: Promise<AckInfo>, timeoutMs: number): Promise<AckInfo> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliError(
            `the server did not confirm the message within ${timeoutMs / 1000} s; it stays queued and is resent by the next yam command for this server`,
          ),
        ),
      timeoutMs,
    );
  });
  return Promise.race([acked, timeout]).finally(() => clearTimeout(timer));
}
