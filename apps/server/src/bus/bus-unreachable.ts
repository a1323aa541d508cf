/** The bus's server could not be reached at start: a configuration problem, said in one line. */
export class BusUnreachableError extends Error {
  override name = 'BusUnreachableError';
}

/** The URL without its password, for error lines and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given URL';
  }
}
