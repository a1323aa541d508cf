import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServerOptions, startServer } from '../../src/index.ts';
import { dropTestSchema, testPostgres } from './test-postgres.ts';

export type TestServer = RunningServer & { wsUrl: string; dataDir: string; stop(): Promise<void> };

/** A real server on 127.0.0.1:0 with a temp data dir; stop() closes it and removes the dir. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yam-server-test-'));
  const postgres = options.storage || options.postgres ? undefined : testPostgres(dataDir);
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    ...(postgres ? { postgres } : {}),
    ...options,
    dataDir,
  });
  return {
    ...server,
    wsUrl: `${server.url.replace(/^http/, 'ws')}/ws`,
    dataDir,
    async stop() {
      await server.close();
      if (postgres) await dropTestSchema(postgres);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
