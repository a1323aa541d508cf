import { type RoomsErrorInfo, YamRooms } from '@yam/client';
import { parseRoomUrl, type RoomAddress } from '@yam/protocol';
import { CliError } from './cli-error.ts';
import { storePath, yamHome } from './home.ts';
import { type CliIdentity, loadOrCreateIdentity } from './identity-file.ts';
import { SqliteClientStore } from './sqlite-client-store.ts';
import { SqliteSecretStore } from './sqlite-secret-store.ts';

const ROOM_URL_ERRORS = {
  'not-a-url': 'is not a URL',
  'not-http': 'is not an http(s) URL',
  'no-room': 'has no ?room= parameter',
  'bad-room': 'has an invalid room ID',
} as const;

/** Parses a Room URL argument or throws a usage CliError that says what is wrong. */
export function roomAddressArg(text: string | undefined): RoomAddress {
  if (!text) throw new CliError('missing Room URL (like https://chat.example/?room=abc)', 2);
  const parsed = parseRoomUrl(text);
  if (!parsed.ok)
    throw new CliError(`the Room URL ${JSON.stringify(text)} ${ROOM_URL_ERRORS[parsed.error]}`, 2);
  return parsed.value;
}

/** Encrypted rooms on one server with the CLI's identity, SQLite store and MLS secrets. */
export type RoomClient = {
  rooms: YamRooms;
  me: CliIdentity;
  close(): Promise<void>;
};

export function openRoomClient(server: string): RoomClient {
  const home = yamHome();
  const me = loadOrCreateIdentity(home);
  const path = storePath(home, server);
  const store = new SqliteClientStore(path);
  const secrets = new SqliteSecretStore(path);
  const rooms = new YamRooms({
    server,
    identity: me.identity,
    store,
    secrets,
    backoff: { minMs: 250, maxMs: 10_000 },
    // Several yam processes may share the file: always read the latest saved group.
    cacheGroups: false,
    // Enough for a few DMs; every short-lived command would otherwise pay for ten.
    keyPackageTarget: 3,
  });
  return {
    rooms,
    me,
    async close() {
      await rooms.close();
      secrets.close();
      store.close();
    },
  };
}

/**
 * Starts the rooms (follow, then connect) and resolves once online (rooms joined before
 * are subscribed and caught up). Rejects when the first attempt fails, so a wrong or dead
 * server is reported at once.
 */
export function connectOnce(rooms: YamRooms, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError: RoomsErrorInfo | undefined;
    const offs = [
      rooms.on('error', (e) => {
        lastError = e;
      }),
      rooms.on('status', ({ state }) => {
        if (state === 'online') finish();
        if (state === 'offline') {
          const why = lastError ? `: ${lastError.code} ${lastError.message}` : '';
          finish(new CliError(`cannot reach the Yam server at ${rooms.server}${why}`));
        }
      }),
    ];
    const timer = setTimeout(
      () => finish(new CliError(`no connection to ${rooms.server} after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      for (const off of offs) off();
      if (error) reject(error);
      else resolve();
    };
    rooms.start().catch(finish);
  });
}
