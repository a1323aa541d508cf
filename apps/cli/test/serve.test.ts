import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli } from './cli-process.ts';

const running: CliProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(...extra: string[]): CliProcess {
  const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
  dirs.push(data);
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data];
  const p = spawnCli([...args, '--log-level', 'silent', ...extra], {});
  running.push(p);
  return p;
}

describe('yam serve', () => {
  it('runs the built-in STUN/TURN server next to the web server', async () => {
    const p = serve('--turn-port', '0');
    const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
    expect(line).toMatch(
      /^Yam is running at http:\/\/localhost:\d+\/ {2}\(open it in a browser\)$/,
    );
    await p.waitForStderr('STUN/TURN on UDP and TCP port ');
    const port = Number(/STUN\/TURN on UDP and TCP port (\d+)/.exec(p.stderr())?.[1]);
    expect(port).toBeGreaterThan(0);
  });

  it('--no-turn leaves STUN/TURN off', async () => {
    const p = serve('--no-turn');
    await p.waitForLine((l) => l.startsWith('Yam is running at '));
    expect(p.stderr()).not.toContain('STUN/TURN');
  });

  it('refuses an external TURN server without its shared secret', async () => {
    const p = serve('--external-turn', 'turn:turn.example.org:3478');
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('--turn-secret');
  });
});
