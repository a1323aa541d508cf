import { parseArgs } from 'node:util';
import { inviteLink } from '@yam/client';
import { CliError } from '../cli-error.ts';
import { openRoomClient, roomAddressArg } from '../room-client.ts';

export const INVITE_HELP = `Usage: yam invite <Room URL>

Prints a one-time invite link for a room this device is a member of: the Room URL plus
#invite=<key>. The key stays in the URL fragment (browsers never send it to the server).
A member's client that holds the key (this one, while "yam listen" runs) lets the
joiner in at once.

  -h, --help   show this help`;

/** `yam invite`: make a one-time invite key and print the invite link. */
export async function inviteCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${INVITE_HELP}\n`);
    return 0;
  }
  const link = positionals[0];
  const address = roomAddressArg(link);
  // Offline is fine: the key only has to be on this device when a joiner uses it.
  const { rooms, close } = openRoomClient(address.server);
  try {
    if ((await rooms.membership(address.room)) !== 'member') {
      throw new CliError(`this device is not a member of ${address.room}: only members invite`);
    }
    const key = await rooms.joins.invite(address.room);
    process.stdout.write(`${inviteLink(link!, key)}\n`);
    return 0;
  } finally {
    await close();
  }
}
