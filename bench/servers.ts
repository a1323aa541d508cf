import { resolve } from 'node:path';
import { type ChildServer, startChildServer } from './child-server.ts';

/** A server the bench can start, by its key on the command line (--only yam,bare). */
export type BenchServer = { name: string; start(): Promise<ChildServer> };

/**
 * The servers the bench compares: Yam as built here, Yam writing each frame on its own,
 * another checkout's Yam (`before`: a path, e.g. main's), the bare `ws` server and Socket.IO.
 * `clients` lifts Yam's connection cap above the load.
 */
export function benchServers(clients: number, before?: string): Record<string, BenchServer> {
  const cap = ['--max-connections', String(clients + 1000)];
  return {
    yam: { name: 'yam', start: () => startChildServer('./yam-server.ts', cap) },
    // limits.writeDelayMs -1: what holding a connection's writes for the turn saves.
    yam1: {
      name: 'yam-unbatched',
      start: () => startChildServer('./yam-server.ts', [...cap, '--write-delay-ms=-1']),
    },
    before: {
      name: 'before',
      start: () => startChildServer(resolve(before ?? '.', 'bench/yam-server.ts'), cap),
    },
    bare: { name: 'bare', start: () => startChildServer('./bare-ws-server.ts') },
    sio: { name: 'sio', start: () => startChildServer('./socketio-server.ts') },
  };
}
