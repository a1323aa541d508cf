import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** A running `yam` process with its output collected line by line. */
export type CliProcess = {
  child: ChildProcess;
  stdoutLines: string[];
  stderr(): string;
  /** Resolves with the first stdout line matching, or rejects when the process exits first. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  waitForStderr(text: string): Promise<void>;
  exited: Promise<number | null>;
};

/** Spawns `node apps/cli/src/main.ts <args>` with extra environment variables. */
export function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    stdoutLines.push(...parts);
    wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    wake();
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      wake();
      resolve(code);
    }),
  );
  const waitFor = <T>(check: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const test = () => {
        const found = check();
        if (found !== undefined) {
          waiters.delete(test);
          resolve(found);
        } else if (done) {
          waiters.delete(test);
          reject(new Error(`yam ${args[0]} exited before ${what}; stderr:\n${stderr}`));
        }
      };
      waiters.add(test);
      test();
    });
  return {
    child,
    stdoutLines,
    stderr: () => stderr,
    waitForLine: (match) => waitFor(() => stdoutLines.find(match), 'the expected line'),
    waitForStderr: (text) =>
      waitFor(() => (stderr.includes(text) ? true : undefined), text).then(() => {}),
    exited,
  };
}

/** Runs `yam <args>` to completion. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawnCli(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdoutLines.join('\n'), stderr: p.stderr() };
}
