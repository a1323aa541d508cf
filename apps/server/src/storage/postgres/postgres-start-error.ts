import { YamError } from '@yam/protocol';

/** `--postgres` as the server takes it: a connection URL, and a schema for tests. */
export type PostgresOptions = { url: string; schema?: string };

/**
 * Checks a PostgreSQL URL at configuration time; throws a TypeError that says what is
 * expected and never echoes the URL (it may hold a password).
 */
export function checkPostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(BAD_URL);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new TypeError(BAD_URL);
  }
  return url;
}

const BAD_URL =
  'the PostgreSQL URL (--postgres / YAM_POSTGRES_URL) must look like postgres://user:password@host:5432/database';

/** The database a URL names, for messages: user, host, port and database, no password. */
export function postgresTarget(url: string): string {
  const u = new URL(url);
  const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
  return `${user}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
}

/**
 * The server could not open its PostgreSQL database at start. The message is one line
 * that names what to check; the database's own error is the cause.
 */
export class PostgresStartError extends Error {
  constructor(url: string, cause: unknown) {
    super(startMessage(postgresTarget(url), cause), { cause });
    this.name = 'PostgresStartError';
  }
}

function startMessage(target: string, cause: unknown): string {
  // The database's own error, under the retryable wrapper storage puts around lost connections.
  const inner = cause instanceof YamError && cause.cause !== undefined ? cause.cause : cause;
  const e = inner as { code?: string; message?: string };
  const code = e?.code ?? '';
  const database = target.slice(target.indexOf('/') + 1) || '(none)';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code)) {
    return `cannot reach PostgreSQL at ${target} (${code}): check that it is running and that --postgres / YAM_POSTGRES_URL names the right host and port`;
  }
  if (/timeout/i.test(e?.message ?? '')) {
    return `PostgreSQL at ${target} did not answer in time: check that it is running and reachable from this machine (firewall, host, port)`;
  }
  if (code === '28P01' || code === '28000') {
    return `PostgreSQL at ${target} refused the login: check the user and password in --postgres / YAM_POSTGRES_URL (and pg_hba.conf)`;
  }
  if (code === '3D000') {
    return `PostgreSQL at ${target} has no database "${database}": create it (createdb ${database}) or fix the database name in --postgres / YAM_POSTGRES_URL`;
  }
  if (code === '42501') {
    return `PostgreSQL at ${target} does not let this user create Yam's tables: grant it CREATE on the database (or its schema)`;
  }
  const reason = (e?.message ?? String(cause)).split('\n')[0];
  return `PostgreSQL at ${target} failed at start (${reason}): check --postgres / YAM_POSTGRES_URL and the database's log`;
}
