import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A bench server process; `pid` answers SIGUSR2 with its event-loop delay (loop-delay.ts). */
export type ChildServer = { url: string; pid: number; stop(): Promise<void> };

const START_TIMEOUT_MS = 30_000;

/**
 * Starts a server script (yam-server.ts or bare-ws-server.ts) as a child process and waits
 * for the JSON line it prints once listening. stop() sends SIGTERM, then SIGKILL after 10 s,
 * so a bench run never leaves a server behind.
 */
export function startChildServer(script: string, args: string[] = []): Promise<ChildServer> {
  const path = new URL(script, import.meta.url).pathname;
  const loopDelay = new URL('./loop-delay.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ['--no-deprecation', '--import', loopDelay, path, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // The preload measures event-loop delay and answers SIGUSR2 (see loop-delay.ts).
      env: { ...process.env, YAM_BENCH_LOOP_DELAY: '1' },
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({ url, pid, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
