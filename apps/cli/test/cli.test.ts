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
  it('a listener creates the room, invites by link, and prints what another process sends (encrypted)', async () => {
    const url = `${base}?room=cli-live`;
    const listener = spawnCli(['listen', url], home('listener'));
    try {
      await listener.waitForStderr('listening to cli-live');
      expect(listener.stderr()).toContain('created the encrypted room cli-live');
      const invite = await runCli(['invite', url], home('listener'));
      expect(invite.code).toBe(0);
      const link = invite.stdout.trim();
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?room=cli-live#invite=[A-Za-z0-9_-]{43}$/);
      // The running listener holds the invite key (same YAM_HOME): it lets the sender in.
      const sent = await runCli(
        ['send', link, 'hello', 'from', 'the', 'cli', '--name', 'Bot'],
        home('sender'),
      );
      expect(sent.code).toBe(0);
      const ack = JSON.parse(sent.stdout);
      expect(ack.room).toBe('cli-live');
      const line = await listener.waitForLine((l) => l.includes('hello from the cli'));
      const printed = JSON.parse(line);
      expect(printed).toMatchObject({
        room: 'cli-live',
        seq: ack.seq,
        name: 'Bot',
        text: 'hello from the cli',
      });
      const keys = await runCli(['keys', 'show'], home('sender'));
      expect(printed.from).toBe(JSON.parse(keys.stdout).clientId);
      // Now a member: the plain Room URL is enough.
      expect((await runCli(['send', url, 'again'], home('sender'))).code).toBe(0);
      await listener.waitForLine((l) => l.includes('"again"'));
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
      expect((await runCli(['send', url, text], home('history-owner'))).code).toBe(0);
    }
    // The owner must be online to let the new listener in; `listen` is how it stays online.
    const owner = spawnCli(['listen', url], home('history-owner'));
    await owner.waitForStderr('listening to cli-history');
    const link = (await runCli(['invite', url], home('history-owner'))).stdout.trim();
    const listener = spawnCli(['listen', link, '--history', '2'], home('history-listener'));
    try {
      await listener.waitForStderr('listening to cli-history');
      // A joiner cannot read what was sent before it joined: printed as unreadable.
      expect(listener.stdoutLines.map((l) => JSON.parse(l).unreadable)).toEqual([
        'before-join',
        'before-join',
      ]);
      expect((await runCli(['send', url, 'four'], home('history-owner'))).code).toBe(0);
      await listener.waitForLine((l) => l.includes('"four"'));
      expect(listener.stdoutLines.map((l) => JSON.parse(l).text)).toEqual([null, null, 'four']);
    } finally {
      listener.child.kill('SIGINT');
      owner.child.kill('SIGINT');
      await listener.exited;
      await owner.exited;
    }
    // Six CLI processes, each starting Node: slow on a busy two-core machine.
  }, 60_000);

  it('send to a room it is not in, without an invite, waits for a member and then says so', async () => {
    const url = `${base}?room=cli-closed`;
    expect((await runCli(['send', url, 'mine'], home('closed-owner'))).code).toBe(0);
    const stranger = await runCli(['send', url, 'let me in', '--timeout', '1'], home('stranger'));
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('Waiting for a member to let you in...');
    expect(stranger.stderr).toContain('ask a member for an invite link');
  });

  it('a password room: the right --password gets in while a member listens, a wrong one is refused', async () => {
    const url = `${base}?room=cli-vault`;
    const owner = spawnCli(['listen', url, '--password', 'open sesame'], home('vault-owner'));
    try {
      await owner.waitForStderr('listening to cli-vault');
      expect(owner.stderr()).toContain('(with a password)');
      const wrong = await runCli(
        ['send', url, 'nope', '--password', 'open barley'],
        home('vault-wrong'),
      );
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('That password is not right for this room.');
      const right = await runCli(
        ['send', url, 'in we go', '--password', 'open sesame'],
        home('vault-right'),
      );
      expect(right.code).toBe(0);
      await owner.waitForLine((l) => l.includes('"in we go"'));
    } finally {
      owner.child.kill('SIGINT');
      await owner.exited;
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
    for (const cmd of ['serve', 'send', 'listen', 'invite', 'keys']) {
      const r = await runCli([cmd, '--help'], home('help'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`yam ${cmd}`);
    }
  });
});
