import { type ChildProcess, spawn } from 'node:child_process';

/** A child process the bench owns: stop() sends SIGTERM, then SIGKILL after 3 s. */
export type OwnedChild = { child: ChildProcess; output(): string; stop(): Promise<void> };

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills every child still running when the bench exits, even on an uncaught error. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** For command-line entry points: Ctrl-C or SIGTERM also kills the children first. */
export function killChildrenOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** Spawns `command` and keeps the last 64 KiB of its output for error messages. */
export function spawnOwned(command: string, args: string[]): OwnedChild {
  hookExit();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => live.delete(child));
  return {
    child,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
