import type { ServerOptions } from '@yam/server';
import { CliError } from '../cli-error.ts';

/** The abuse limits and IP lists of `yam serve`: flags, their env variables and help lines. */
export const LIMIT_FLAGS = {
  'allow-ip': { type: 'string', multiple: true },
  'deny-ip': { type: 'string', multiple: true },
  'trust-proxy': { type: 'string', multiple: true },
  'max-connections-per-ip': { type: 'string' },
  'max-unauthenticated-per-ip': { type: 'string' },
  'blob-ip-quota': { type: 'string' },
  'blob-disk-budget': { type: 'string' },
  'min-free-disk': { type: 'string' },
  'history-page-bytes': { type: 'string' },
} as const;

export const LIMITS_HELP = `  --allow-ip CIDR     only these addresses may use the web app, WebSocket and TURN, repeatable
                      (env YAM_ALLOW_IPS, comma list; default: everyone)
  --deny-ip CIDR      refuse these addresses everywhere, repeatable (env YAM_DENY_IPS; deny wins)
  --trust-proxy CIDR  a reverse proxy in front: from it, the client IP is taken from X-Forwarded-For,
                      repeatable (env YAM_TRUST_PROXY, comma list; default: none)
  --max-connections-per-ip N      open WebSockets per IP, IPv6 per /64 (env YAM_MAX_CONNECTIONS_PER_IP, default 256)
  --max-unauthenticated-per-ip N  of those, not yet signed in (env YAM_MAX_UNAUTHENTICATED_PER_IP, default 32)
  --blob-ip-quota SIZE     file bytes stored per IP, all users (env YAM_BLOB_IP_QUOTA, default 100M)
  --blob-disk-budget SIZE  file bytes stored in all (env YAM_BLOB_DISK_BUDGET, default 10G)
  --min-free-disk SIZE     refuse new files while the disk has less free (env YAM_MIN_FREE_DISK, default 512M)
  --history-page-bytes SIZE  largest history page sent to clients (env YAM_HISTORY_PAGE_BYTES, default 512K)`;

type LimitValues = { [K in keyof typeof LIMIT_FLAGS]?: string | string[] | undefined };

/** The ServerOptions the limit flags (or their env variables) set; throws a CliError on bad input. */
export function limitOptions(
  values: LimitValues,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'ipAccess' | 'limits' | 'trustProxy'> {
  const list = (flag: 'allow-ip' | 'deny-ip' | 'trust-proxy', name: string) =>
    (values[flag] as string[] | undefined) ??
    (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const allow = list('allow-ip', 'YAM_ALLOW_IPS');
  const deny = list('deny-ip', 'YAM_DENY_IPS');
  const trustProxy = list('trust-proxy', 'YAM_TRUST_PROXY');
  const limits: Record<string, number> = {};
  const set = (
    flag: keyof typeof LIMIT_FLAGS,
    name: string,
    key: keyof NonNullable<ServerOptions['limits']>,
    parse: (text: string, flag: string) => number,
  ) => {
    const text = (values[flag] as string | undefined) ?? env[name];
    if (text !== undefined) limits[key] = parse(text, flag);
  };
  set('max-connections-per-ip', 'YAM_MAX_CONNECTIONS_PER_IP', 'maxConnectionsPerIp', count);
  set(
    'max-unauthenticated-per-ip',
    'YAM_MAX_UNAUTHENTICATED_PER_IP',
    'maxUnauthenticatedPerIp',
    count,
  );
  set('blob-ip-quota', 'YAM_BLOB_IP_QUOTA', 'blobIpQuotaBytes', size);
  set('blob-disk-budget', 'YAM_BLOB_DISK_BUDGET', 'blobDiskBudgetBytes', size);
  set('min-free-disk', 'YAM_MIN_FREE_DISK', 'minFreeDiskBytes', size);
  set('history-page-bytes', 'YAM_HISTORY_PAGE_BYTES', 'maxHistoryPageBytes', size);
  return {
    ...(allow.length || deny.length ? { ipAccess: { allow, deny } } : {}),
    ...(trustProxy.length ? { trustProxy } : {}),
    ...(Object.keys(limits).length ? { limits: limits as ServerOptions['limits'] } : {}),
  };
}

function count(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new CliError(`--${flag} needs a whole number of at least 1, not "${text}"`, 2);
  }
  return Number(text);
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** "512K", "100M", "10G" or plain bytes. */
export function size(text: string, flag: string): number {
  const match = /^(\d+)([KMGT]?)i?B?$/i.exec(text.trim());
  if (!match) {
    throw new CliError(`--${flag} needs a size such as 512K, 100M or 10G, not "${text}"`, 2);
  }
  return Number(match[1]) * UNITS[match[2]!.toUpperCase()]!;
}
