import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/helpers/test-client.ts';
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

/** Starts `yam serve` and returns what its `ready` frame says about link previews. */
async function previewsOffered(extra: string[], env: Record<string, string> = {}) {
  const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
  dirs.push(data);
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, '--no-turn'];
  const p = spawnCli([...args, '--log-level', 'silent', ...extra], env);
  running.push(p);
  const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
  const port = /localhost:(\d+)/.exec(line)?.[1];
  const client = await TestClient.authenticated(`ws://127.0.0.1:${port}/ws`);
  client.ws.terminate();
  return client.ready.features?.linkPreviews === true;
}

describe('yam serve --link-previews', () => {
  it('[P-PREV1] is off by default, on with the flag or YAM_LINK_PREVIEWS=on', async () => {
    expect(await previewsOffered([])).toBe(false);
    expect(await previewsOffered(['--link-previews'])).toBe(true);
    expect(await previewsOffered([], { YAM_LINK_PREVIEWS: 'on' })).toBe(true);
  });
});
