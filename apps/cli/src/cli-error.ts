/** A failure the CLI reports as one line on stderr and an exit code (2: usage, 1: runtime). */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Writes a diagnostic line to stderr: stdout carries only results. */
export function warn(message: string): void {
  process.stderr.write(`yam: ${message}\n`);
}
