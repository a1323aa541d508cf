import { parseArgs } from 'node:util';
import { decodeContent, type OpenedMessage, type YamRooms } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { CliError, warn } from '../cli-error.ts';
import { ensureMember } from '../membership.ts';
import { connectOnce, openRoomClient, roomAddressArg } from '../room-client.ts';

export const LISTEN_HELP = `Usage: yam listen <Room URL> [--history N] [--timeout SECONDS]

Prints one JSON line per message on stdout until Ctrl-C:
  {"room","seq","from","ts","name","text"}
("text" is null for a message this device cannot read, with "unreadable" saying why).
Messages are end-to-end encrypted; a device that is not a member yet creates the room
when it is new, joins with the invite key of an invite link, or asks the members.
While it listens, it lets in joiners that bring an invite this device made (yam invite).
Logs and errors go to stderr.

  --history N        first print the last N messages of the room
  --password PW      the room's password (creating: set it; joining: prove it)
  --timeout SECONDS  give up connecting or joining after this long (default 60)
  -h, --help         show this help`;

/** One stdout line per message: the CLI's machine-readable format. */
export function messageLine(m: OpenedMessage): string {
  const content = m.body ? decodeContent(m.body) : undefined;
  return JSON.stringify({
    room: m.room,
    seq: m.seq,
    from: m.from,
    ts: m.ts,
    name: content?.name ?? null,
    text:
      content?.type === 'text' || content?.type === 'edit'
        ? content.text
        : content?.type === 'image'
          ? (content.caption ?? null)
          : null,
    ...(content?.type === 'text' && content.replyTo ? { replyTo: content.replyTo } : {}),
    ...(content?.type === 'text' && content.thread ? { thread: content.thread } : {}),
    ...((content?.type === 'text' || content?.type === 'edit') && content.mentions
      ? { mentions: content.mentions }
      : {}),
    ...(content?.type === 'edit' ? { edit: { to: content.to } } : {}),
    ...(content?.type === 'delete' ? { delete: { to: content.to, author: content.author } } : {}),
    ...(content?.type === 'reaction'
      ? { reaction: { emoji: content.reaction, to: content.to, remove: !!content.remove } }
      : {}),
    ...(content?.type === 'image'
      ? { image: { hash: content.hash, size: content.size, mime: content.mime } }
      : {}),
    ...(m.problem ? { unreadable: m.problem } : {}),
  });
}

/** `yam listen`: follow a room like `tail -f` (with `--history N` like `tail -n N -f`). */
export async function listenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      history: { type: 'string', default: '0' },
      password: { type: 'string' },
      timeout: { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${LISTEN_HELP}\n`);
    return 0;
  }
  const address = roomAddressArg(positionals[0]);
  const history = Number(values.history);
  if (!Number.isInteger(history) || history < 0)
    throw new CliError('--history must be a whole number', 2);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new CliError('--timeout must be a positive number of seconds', 2);

  const { rooms, me, close } = openRoomClient(address.server);
  const room = address.room;
  let printed = 0;
  let live = false;
  const waiting: OpenedMessage[] = [];
  const print = (m: OpenedMessage) => {
    if (m.room !== room || m.seq <= printed) return;
    printed = m.seq;
    process.stdout.write(`${messageLine(m)}\n`);
  };
  rooms.on('message', (m) => {
    if (live) print(m);
    else waiting.push(m);
  });
  rooms.on('joinRequest', (r) =>
    warn(`${r.name ?? r.from.slice(0, 8)} asks to join ${r.room} (no valid invite)`),
  );
  rooms.on('removed', (r) => warn(`this device was removed from ${r.room}`));
  rooms.on('status', ({ state }) => {
    if (state === 'offline') warn(`disconnected from ${address.server}; reconnecting...`);
    if (state === 'online' && live) warn(`listening to ${room} on ${address.server}`);
  });
  // A lost commit race is handled (rebase, or join an existing room): no warning.
  rooms.on('error', (e) => {
    if (e.code === 'EPOCH_CONFLICT') return;
    // Background failures of the encryption layer are reported as they were: without a code.
    warn(e.code === 'INTERNAL' ? `${e.room ?? ''} ${e.message}`.trim() : `${e.code}: ${e.message}`);
  });

  try {
    await connectOnce(rooms, timeoutMs);
    await ensureMember(rooms, room, positionals[0]!, {
      ...(me.name ? { name: me.name } : {}),
      ...(values.password ? { password: values.password } : {}),
      timeoutMs,
    });
    // Subscribed and caught up: everything up to the cursor is the past.
    await rooms.subscribe(room);
    const cursor = rooms.history.cursor(room);
    for (const m of await lastMessages(rooms, room, cursor, history)) print(m);
    printed = Math.max(printed, cursor);
    live = true;
    for (const m of waiting.splice(0)) print(m);
    warn(`listening to ${room} on ${address.server}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } finally {
    await close();
  }
  return 0;
}

// The newest `count` application messages up to `cursor`, oldest first, opened.
async function lastMessages(
  rooms: YamRooms,
  room: RoomId,
  cursor: number,
  count: number,
): Promise<OpenedMessage[]> {
  const out: OpenedMessage[] = [];
  let before = cursor + 1;
  while (out.length < count && before > 1) {
    // `before` is exclusive, so `cursor + 1` starts at the newest caught-up message.
    const page = await rooms.history.page(room, { before, limit: 200 });
    const opened: OpenedMessage[] = [];
    for (const m of page.messages) {
      const o = await rooms.open(m);
      if (o) opened.push(o);
    }
    out.unshift(...opened.slice(Math.max(0, opened.length - (count - out.length))));
    const first = page.messages[0];
    if (!first || !page.hasMore) break;
    before = first.seq;
  }
  return out;
}
