import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  type AckInfo,
  type ClientErrorInfo,
  type ClientStore,
  MemoryStore,
  type ReceivedMessage,
} from '@yam/client';
import { YamClient, type YamClientOptions } from '@yam/client/transport';
import { createIdentity, type DeviceIdentity } from '@yam/crypto';
import { admit } from '../helpers/claim-room.ts';

/** Waits until `check()` holds (polling); fails with `what` after `timeoutMs`. Not a timing assertion. */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** waitFor for checks that must read async state. */
export async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A WebSocket class for the SDK that the test controls: it can kill the current socket,
 * refuse new connections (as if the server were unreachable) and records sent frames.
 */
export function controlledWebSocket() {
  const sockets: WebSocket[] = [];
  const sent = new Map<WebSocket, string[]>();
  const control = { blocked: false };
  class ControlledWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Port 1 refuses connections: the same failure a client sees when the server is down.
      super(control.blocked ? 'ws://127.0.0.1:1/ws' : url, protocols);
      sockets.push(this);
      sent.set(this, []);
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      sent.get(this)?.push(String(data));
      super.send(data);
    }
  }
  return {
    WebSocket: ControlledWebSocket as typeof WebSocket,
    sockets,
    /** Frames the client sent on its i-th socket, parsed. */
    framesSent: (i: number) =>
      (sent.get(sockets[i]!) ?? []).map((s) => JSON.parse(s) as { t: string }),
    /** Closes the client's current socket from under it. */
    kill() {
      sockets.at(-1)?.close(3000, 'killed by test');
    },
    block(blocked: boolean) {
      control.blocked = blocked;
    },
  };
}

/** A YamClient with a fresh identity and everything it receives recorded. */
export type TestSdkClient = {
  client: YamClient;
  identity: DeviceIdentity;
  store: ClientStore;
  messages: ReceivedMessage[];
  acks: AckInfo[];
  errors: ClientErrorInfo[];
};

export function sdkClient(server: string, options: Partial<YamClientOptions> = {}): TestSdkClient {
  const identity = options.identity ?? createIdentity();
  const store = options.store ?? new MemoryStore();
  const client = new YamClient({
    server,
    identity,
    store,
    backoff: { minMs: 20, maxMs: 200 },
    ...options,
  });
  const recorded: TestSdkClient = { client, identity, store, messages: [], acks: [], errors: [] };
  // The commits that put test clients in a room's roster (see admitAll) are not the test's.
  client.on('message', (m) => {
    if (!(m.kind === 'commit' && m.cmid.startsWith('admit-'))) recorded.messages.push(m);
  });
  client.on('ack', (a) => recorded.acks.push(a));
  client.on('error', (e) => recorded.errors.push(e));
  return recorded;
}

export const text = (s: string) => new TextEncoder().encode(s);
export const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** Seqs of `messages` in `room`, in delivery order. */
export const seqsOf = (messages: ReceivedMessage[], room: string) =>
  messages.filter((m) => m.room === room).map((m) => m.seq as number);

/** [1, 2, ..., n] */
export const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** Seqs 2..n+1: the room's messages after the commit that admitted the test clients. */
export const afterAdmit = (n: number) => oneTo(n).map((i) => i + 1);

const CLI_MAIN = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));

/** `yam serve` as a child process on 127.0.0.1:0; resolves with the URL it printed. */
export async function serveProcess(
  dataDir: string,
): Promise<{ url: string; child: ChildProcess; exited: Promise<unknown> }> {
  const child = spawn(
    process.execPath,
    [
      CLI_MAIN,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data',
      dataDir,
      '--log-level',
      'silent',
      '--no-turn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /Yam is running at (\S+)/.exec(out);
      if (match) resolve(match[1]!.replace('//localhost:', '//127.0.0.1:'));
    });
    void exited.then(() => reject(new Error(`yam serve exited early: ${stderr}`)));
  });
  return { url, child, exited };
}

/**
 * Puts SDK test clients in the room's roster with a commit of a raw owner connection, as a
 * member's client would add them; takes one seq of the room (seq 1 for a new room). [P-MEM1]
 */
export function admitAll(wsUrl: string, room: string, ...clients: TestSdkClient[]): Promise<void> {
  return admit(wsUrl, room, ...clients.map((c) => c.identity));
}
