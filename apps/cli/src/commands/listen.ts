import { parseArgs } from 'node:util';
import { decodeContent, type ReceivedMessage, type YamClient } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { CliError, warn } from '../cli-error.ts';
import { openRoomClient, roomAddressArg } from '../room-client.ts';

export const LISTEN_HELP = `Usage: yam listen <Room URL> [--history N]

Prints one JSON line per message on stdout until Ctrl-C:
  {"room","seq","from","ts","name","text"}
Logs and errors go to stderr.

  --history N   first print the last N messages of the room
  -h, --help    show this help`;

/** One stdout line per message: the CLI's machine-readable format. */
export function messageLine(m: ReceivedMessage): string {
  const content = decodeContent(m.payload);
  return JSON.stringify({
    room: m.room,
    seq: m.seq,
    from: m.from,
    ts: m.ts,
    name: content?.name ?? null,
    text: content?.text ?? null,
  });
}

/** `yam listen`: follow a room like `tail -f` (with `--history N` like `tail -n N -f`). */
export async function listenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { history: { type: 'string', default: '0' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${LISTEN_HELP}\n`);
    return 0;
  }
  const address = roomAddressArg(positionals[0]);
  const history = Number(values.history);
  if (!Number.isInteger(history) || history < 0)
    throw new CliError('--history must be a whole number', 2);

  const { client, close } = openRoomClient(address.server);
  const room = address.room;
  let printed = 0;
  const print = (m: ReceivedMessage) => {
    if (m.room !== room || m.seq <= printed) return;
    printed = m.seq;
    process.stdout.write(`${messageLine(m)}\n`);
  };
  // Until the first catch-up is done, messages are the past (skipped unless --history);
  // while history is printed, live ones wait; after that every message is new.
  let phase: 'past' | 'history' | 'live' = 'past';
  const waiting: ReceivedMessage[] = [];
  client.on('message', (m) => {
    if (phase === 'live') print(m);
    else if (phase === 'history') waiting.push(m);
  });
  client.on('synced', (e) => {
    if (e.room !== room || phase !== 'past') return;
    phase = 'history';
    void lastMessages(client, room, e.cursor, history)
      .then((messages) => {
        for (const m of messages) process.stdout.write(`${messageLine(m)}\n`);
      })
      .catch((error) => warn(`could not fetch history: ${(error as Error).message}`))
      .finally(() => {
        printed = e.cursor;
        phase = 'live';
        for (const m of waiting.splice(0)) print(m);
      });
  });
  client.on('state', (s) => {
    if (s === 'offline') warn(`disconnected from ${address.server}; reconnecting...`);
    if (s === 'online') warn(`listening to ${room} on ${address.server}`);
  });
  client.on('error', (e) => warn(`${e.code}: ${e.message}`));

  await client.join(room);
  client.connect();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await close();
  return 0;
}

// The newest `count` messages up to `cursor`, oldest first, paging as far back as needed.
async function lastMessages(
  client: YamClient,
  room: RoomId,
  cursor: number,
  count: number,
): Promise<ReceivedMessage[]> {
  const out: ReceivedMessage[] = [];
  let before = cursor + 1;
  while (out.length < count && before > 1) {
    // `before` is exclusive, so `cursor + 1` starts at the newest caught-up message.
    const page = await client.history(room, { before, limit: Math.min(200, count - out.length) });
    out.unshift(...page.messages);
    const first = page.messages[0];
    if (!first || !page.hasMore) break;
    before = first.seq;
  }
  return out;
}
