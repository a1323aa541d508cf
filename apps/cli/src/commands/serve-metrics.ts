import type { ServerOptions } from '@yam/server';

/** The Prometheus metrics flags of `yam serve`, their env variables and help lines. */
export const METRICS_FLAGS = {
  'metrics-listen': { type: 'string' },
  'metrics-token': { type: 'string' },
} as const;

export const METRICS_HELP = `  --metrics-listen A  serve Prometheus /metrics on its own address, e.g. 127.0.0.1:9464
                      (env YAM_METRICS_LISTEN; default: off)
  --metrics-token T   require "Authorization: Bearer T" for /metrics; alone, serves /metrics
                      on the main port (env YAM_METRICS_TOKEN)`;

type MetricsValues = { [K in keyof typeof METRICS_FLAGS]?: string | undefined };

export function metricsOptions(
  values: MetricsValues,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'metrics'> {
  const listen = values['metrics-listen'] ?? env.YAM_METRICS_LISTEN;
  const token = values['metrics-token'] ?? env.YAM_METRICS_TOKEN;
  if (!listen && !token) return {};
  return { metrics: { ...(listen ? { listen } : {}), ...(token ? { token } : {}) } };
}
