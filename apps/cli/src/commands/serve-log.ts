import { PinoPretty } from 'pino-pretty';

/**
 * Where `yam serve` logs go: stderr, readable (pino-pretty) when it is a terminal, JSON
 * lines otherwise (systemd's journal, docker, a file or a log shipper).
 */
export function serveLogStream(stderr: NodeJS.WriteStream = process.stderr): NodeJS.WritableStream {
  if (!stderr.isTTY) return stderr;
  return PinoPretty({
    destination: stderr,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    sync: true,
  });
}
