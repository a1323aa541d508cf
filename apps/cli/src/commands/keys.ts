import { parseArgs } from 'node:util';
import { toBase64Url } from '@yam/protocol';
import { CliError, warn } from '../cli-error.ts';
import { yamHome } from '../home.ts';
import { loadOrCreateIdentity } from '../identity-file.ts';

export const KEYS_HELP = `Usage: yam keys [show|export]

  show     print this device's client ID and public key (the default)
  export   print the secret key (base64url); anyone holding it can act as this device

The key lives in $YAM_HOME/identity.json (default ~/.yam), created on first use.`;

/** `yam keys`: inspect or export the CLI's device identity. */
export async function keysCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${KEYS_HELP}\n`);
    return 0;
  }
  const action = positionals[0] ?? 'show';
  if (action !== 'show' && action !== 'export') {
    throw new CliError(`unknown keys action "${action}" (use show or export)`, 2);
  }
  const { identity, name, path } = loadOrCreateIdentity(yamHome());
  const out: Record<string, string> = {
    clientId: identity.clientId,
    publicKey: toBase64Url(identity.publicKey),
  };
  if (name) out.name = name;
  if (action === 'export') {
    warn(`this is the SECRET key of ${path}: whoever has it can act as this device. Keep it safe.`);
    out.secretKey = toBase64Url(identity.secretKey);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}
