#!/usr/bin/env node
import { isYamError } from '@yam/protocol';
import { CliError, warn } from './cli-error.ts';

const HELP = `Usage: yam <command> [options]

Commands:
  serve                        run a Yam server
  send <Room URL> <text...>    send one message
  listen <Room URL>            print a room's messages as JSON lines
  invite <Room URL>            print a one-time invite link
  keys [show|export]           this device's identity
  stickers index [DIR]         make sticker previews and rebuild the library's index.json

Run "yam <command> --help" for a command's options.`;

// Loaded on demand: `yam send` should not pay for loading the whole server.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (args) => (await import('./commands/serve.ts')).serveCommand(args),
  send: async (args) => (await import('./commands/send.ts')).sendCommand(args),
  listen: async (args) => (await import('./commands/listen.ts')).listenCommand(args),
  invite: async (args) => (await import('./commands/invite.ts')).inviteCommand(args),
  keys: async (args) => (await import('./commands/keys.ts')).keysCommand(args),
  stickers: async (args) => (await import('./commands/stickers.ts')).stickersCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${HELP}`, 2);
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      warn(error.message);
      process.exitCode = error.exitCode;
    } else if (isYamError(error)) {
      warn(`${error.code}: ${error.message}`);
      process.exitCode = 1;
    } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // node:util parseArgs: unknown option or missing value.
      warn((error as Error).message);
      process.exitCode = 2;
    } else {
      warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  },
);
