import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisBus } from '../../src/bus/redis/redis-bus.ts';
import type { ServerOptions } from '../../src/config.ts';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import type { Storage } from '../../src/storage/storage.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/test-redis.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** Storage shared by several in-process servers: only the cluster closes it, at the end. */
function shared(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, key) {
      if (key === 'close') return async () => {};
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type Cluster = {
  servers: TestServer[];
  buses: RedisBus[];
  storage: SqliteStorage;
  prefix: string;
  stop(): Promise<void>;
};

/**
 * `count` Yam servers in this process on one SQLite storage (or, with `postgres`, one
 * PostgreSQL database through a pool each), each with its own RedisBus
 * on the real Redis under a prefix of this test's own; `publicUrl` is the load balancer's.
 */
export async function startCluster(
  count: number,
  options: ServerOptions & { redisUrl?: string } = {},
): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'yam-cluster-'));
  const storage = new SqliteStorage(join(dir, 'yam.db'));
  const prefix = uniquePrefix();
  const servers: TestServer[] = [];
  const buses: RedisBus[] = [];
  for (let i = 0; i < count; i++) {
    const bus = await RedisBus.connect(options.redisUrl ?? TEST_REDIS_URL, { prefix });
    buses.push(bus);
    servers.push(
      await startTestServer({
        ...options,
        // With `postgres`, each server opens its own pool on the one database, as
        // separate `yam serve --postgres` processes do; else they share one SQLite storage.
        ...(options.postgres ? {} : { storage: shared(storage) }),
        bus,
        cluster: { heartbeatMs: 200, leaseMs: 1_500, prefix, ...options.cluster },
      }),
    );
  }
  return {
    servers,
    buses,
    storage,
    prefix,
    async stop() {
      await Promise.allSettled(servers.map((s) => s.stop()));
      await storage.close();
    },
  };
}
