import type { ServerOptions } from '@yam/server';

/** The Redis flag of `yam serve`: fan-out between several instances. */
export const REDIS_FLAGS = {
  redis: { type: 'string' },
} as const;

export const REDIS_HELP = `  --redis URL         Redis for fan-out and presence between several instances behind a load
                      balancer, e.g. redis://10.0.0.5:6379 (env YAM_REDIS_URL; default: in-process)`;

type RedisValues = { [K in keyof typeof REDIS_FLAGS]?: string | undefined };

export function redisOptions(
  values: RedisValues,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'redisUrl'> {
  const url = values.redis ?? env.YAM_REDIS_URL;
  return url ? { redisUrl: url } : {};
}
