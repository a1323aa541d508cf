import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A running static server: its base URL and how to stop it. */
export type StaticServer = { readonly url: string; close(): Promise<void> };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves `index` at / and the flat files of `dir` (no subfolders: a name with a slash or
 * dots-only is refused) on 127.0.0.1, port chosen by the OS. Just enough for the bench page.
 */
export async function serveStatic(dir: string, index: string): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (name === '') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(index);
      return;
    }
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (type === undefined || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      res.writeHead(404).end();
      return;
    }
    try {
      res.writeHead(200, { 'content-type': type }).end(await readFile(join(dir, name)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
