import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { StunMethod } from '../../apps/server/src/turn/stun-constants.ts';
import { TurnTestClient } from '../../apps/server/test/turn/turn-test-client.ts';
import { type OwnedChild, spawnOwned } from './child-process.ts';

/** A TURN server under test, on 127.0.0.1, taking TURN REST credentials made with `secret`. */
export type BenchTurnServer = {
  name: 'ours' | 'coturn';
  port: number;
  secret: string;
  pid: number | undefined;
  stop(): Promise<void>;
};

export type TurnServerName = BenchTurnServer['name'];

const START_TIMEOUT_MS = 20_000;

/** Starts the TURN server called `name` as a child process and waits until it answers STUN. */
export function startTurnServer(name: TurnServerName, secret: string): Promise<BenchTurnServer> {
  return name === 'ours' ? startOurTurn(secret) : startCoturn(secret);
}

/** Our server (Yam with `turn` on) in a child Node process. */
export async function startOurTurn(secret: string): Promise<BenchTurnServer> {
  const script = join(import.meta.dirname, 'our-turn-server.ts');
  // YAM_TURN_CPU_PROF=<dir>: our server writes a V8 CPU profile there when it stops.
  const profileDir = process.env.YAM_TURN_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const owned = spawnOwned(process.execPath, [...profile, '--no-deprecation', script, secret]);
  try {
    const line = await firstLine(owned);
    const { turnPort } = JSON.parse(line) as { turnPort: number };
    await waitForStun(turnPort);
    return { name: 'ours', port: turnPort, secret, pid: owned.child.pid, stop: owned.stop };
  } catch (err) {
    await owned.stop();
    throw err;
  }
}

/** Debian's coturn in the foreground, no config file, nothing throttled, loopback peers allowed. */
export async function startCoturn(secret: string): Promise<BenchTurnServer> {
  const dir = await mkdtemp(join(tmpdir(), 'yam-coturn-'));
  const port = await freeUdpPort();
  const owned = spawnOwned('turnserver', [
    ...['-n', '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1'],
    ...['--listening-port', String(port), '--realm', 'yam'],
    ...['--use-auth-secret', `--static-auth-secret=${secret}`],
    ...['--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers'],
    ...['--total-quota', '0', '--user-quota', '0', '--max-bps', '0', '--bps-capacity', '0'],
    ...['--log-file', 'stdout', '--simple-log'],
    ...['--pidfile', join(dir, 'turnserver.pid'), '--userdb', join(dir, 'turndb')],
  ]);
  const stop = async () => {
    await owned.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForStun(port, owned);
    return { name: 'coturn', port, secret, pid: owned.child.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function firstLine(owned: OwnedChild): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('our TURN server did not start')), 90_000);
    owned.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`our TURN server exited with ${code}: ${owned.output()}`));
    });
    createInterface({ input: owned.child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
  });
}

/** Sends Binding requests until the server answers, so no measurement races its startup. */
async function waitForStun(port: number, owned?: OwnedChild): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const client = await TurnTestClient.open({ ip: '127.0.0.1', port });
  try {
    for (;;) {
      if (owned && owned.child.exitCode !== null) {
        throw new Error(`TURN server exited: ${owned.output().slice(-2000)}`);
      }
      try {
        await client.transact(StunMethod.Binding);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
    }
  } finally {
    client.close();
  }
}

/** A free UDP port on 127.0.0.1 (closed again so the server can bind it). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
