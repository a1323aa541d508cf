import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';

const TOOLS = ['turnutils_stunclient', 'turnutils_uclient', 'turnutils_peer'];

/** Why the coturn interop tests cannot run here, or undefined when they can (or must: CI). */
export function coturnSkipReason(): string | undefined {
  const missing = TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return undefined;
  // In CI the tools are installed on purpose: a missing tool must fail, not skip.
  if (process.env.CI === 'true') return undefined;
  return `coturn tools missing (${missing.join(', ')}): apt-get install -y coturn`;
}

export type RunResult = { code: number | null; output: string };

/** Runs a tool to completion (killed after `timeoutMs`), collecting stdout and stderr. */
export function runTool(tool: string, args: string[], timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A free UDP port on 127.0.0.1 (closed again, so the tool can bind it). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Starts turnutils_peer (a UDP echo server) on 127.0.0.1; stop() kills exactly that process. */
export async function startPeer(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freeUdpPort();
  const child: ChildProcess = spawn('turnutils_peer', ['-L', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  await waitForEcho(port);
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Pings the echo server until it answers, so tests never race its startup. */
async function waitForEcho(port: number): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('turnutils_peer did not start')), 5_000);
      const ping = setInterval(() => socket.send('ping', port, '127.0.0.1'), 50);
      socket.once('message', () => {
        clearInterval(ping);
        clearTimeout(deadline);
        resolve();
      });
      socket.send('ping', port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

/** Parses uclient's summary: messages sent and received, packets lost. */
export function uclientSummary(output: string): { sent: number; received: number; lost: number } {
  const totals = [...output.matchAll(/tot_send_msgs=(\d+), tot_recv_msgs=(\d+)\s*$/gm)].at(-1);
  const lost = /Total lost packets (\d+)/.exec(output);
  return {
    sent: Number(totals?.[1] ?? -1),
    received: Number(totals?.[2] ?? -1),
    lost: Number(lost?.[1] ?? -1),
  };
}
