import type { ServerOptions } from '@yam/server';

/** The Redis flags of `yam serve`: fan-out and presence between several instances. */
export const REDIS_FLAGS = {
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
} as const;

export const REDIS_HELP = `  --redis URL         Redis for fan-out and presence between several instances behind a load
                      balancer, e.g. redis://10.0.0.5:6379 (env YAM_REDIS_URL; default: in-process)
  --redis-prefix P    prefix of every Redis channel and key, to share one Redis between
                      deployments (env YAM_REDIS_PREFIX, default yam:)`;

type RedisValues = { [K in keyof typeof REDIS_FLAGS]?: string | undefined };

export function redisOptions(
  values: RedisValues,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'redisUrl' | 'cluster'> {
  const url = values.redis ?? env.YAM_REDIS_URL;
  if (!url) return {};
  const prefix = values['redis-prefix'] ?? env.YAM_REDIS_PREFIX;
  return { redisUrl: url, ...(prefix ? { cluster: { prefix } } : {}) };
}
