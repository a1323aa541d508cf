import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@yam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './cli-process.ts';

let server: RunningServer;
let base: string;
const tmp = mkdtempSync(join(tmpdir(), 'yam-cli-test-'));
const home = (name: string) => ({ YAM_HOME: join(tmp, name) });

beforeAll(async () => {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(tmp, 'data'),
    logLevel: 'silent',
  });
  base = `${server.url}/`;
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('yam send / listen', () => {
  it('a listener in one process prints what another process sends', async () => {
    const url = `${base}?room=cli-live`;
    const listener = spawnCli(['listen', url], home('listener'));
    try {
      await listener.waitForStderr('listening to cli-live');
      const sent = await runCli(
        ['send', url, 'hello', 'from', 'the', 'cli', '--name', 'Bot'],
        home('sender'),
      );
      expect(sent.stderr).toBe('');
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.stdout)).toEqual({ room: 'cli-live', seq: 1 });
      const line = await listener.waitForLine((l) => l.includes('hello from the cli'));
      const printed = JSON.parse(line);
      expect(printed).toMatchObject({
        room: 'cli-live',
        seq: 1,
        name: 'Bot',
        text: 'hello from the cli',
      });
      const keys = await runCli(['keys', 'show'], home('sender'));
      expect(printed.from).toBe(JSON.parse(keys.stdout).clientId);
      // Each stdout line is JSON: nothing else goes there.
      for (const l of listener.stdoutLines) expect(() => JSON.parse(l)).not.toThrow();
    } finally {
      listener.child.kill('SIGINT');
      expect(await listener.exited).toBe(0);
    }
  });

  it('listen --history N prints the last N messages first, then live ones', async () => {
    const url = `${base}?room=cli-history`;
    for (const text of ['one', 'two', 'three']) {
      expect((await runCli(['send', url, text], home('sender'))).code).toBe(0);
    }
    const listener = spawnCli(['listen', url, '--history', '2'], home('history-listener'));
    try {
      await listener.waitForLine((l) => l.includes('"three"'));
      expect((await runCli(['send', url, 'four'], home('sender'))).code).toBe(0);
      await listener.waitForLine((l) => l.includes('"four"'));
      expect(listener.stdoutLines.map((l) => JSON.parse(l).text)).toEqual(['two', 'three', 'four']);
    } finally {
      listener.child.kill('SIGINT');
      await listener.exited;
    }
  });

  it('send fails with a clear message on a bad Room URL (exit 2) or a dead server (exit 1)', async () => {
    const bad = await runCli(['send', 'not a url', 'hi'], home('sender'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a URL');
    const noRoom = await runCli(['send', base, 'hi'], home('sender'));
    expect(noRoom.code).toBe(2);
    expect(noRoom.stderr).toContain('no ?room=');
    const dead = await runCli(['send', 'http://127.0.0.1:9/?room=x', 'hi'], home('sender'));
    expect(dead.code).toBe(1);
    expect(dead.stderr).toContain('cannot reach the Yam server');
    expect(dead.stdout).toBe('');
  });

  it('keys: one identity per YAM_HOME, kept across runs; export warns on stderr', async () => {
    const a = JSON.parse((await runCli(['keys'], home('keys'))).stdout);
    const b = JSON.parse((await runCli(['keys', 'show'], home('keys'))).stdout);
    expect(a.clientId).toHaveLength(43);
    expect(b).toEqual(a);
    const exported = await runCli(['keys', 'export'], home('keys'));
    expect(JSON.parse(exported.stdout).secretKey).toHaveLength(43);
    expect(exported.stderr).toContain('SECRET');
  });

  it('every command has --help', async () => {
    for (const cmd of ['serve', 'send', 'listen', 'keys']) {
      const r = await runCli([cmd, '--help'], home('help'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`yam ${cmd}`);
    }
  });
});
