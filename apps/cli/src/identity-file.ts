import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createIdentity, type DeviceIdentity, identityFromSecretKey } from '@yam/crypto';
import { ErrorCode, fromBase64Url, toBase64Url, YamError } from '@yam/protocol';
import { z } from 'zod';

const IdentityFile = z.object({
  secretKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  name: z.string().max(64).optional(),
});

/** The CLI's device key plus the display name stored next to it. */
export type CliIdentity = { identity: DeviceIdentity; name: string | undefined; path: string };

/**
 * Loads `<home>/identity.json`, creating it (mode 0600) on first use. Creation uses an
 * exclusive open so two first runs at once end up with one key, not two.
 */
export function loadOrCreateIdentity(home: string): CliIdentity {
  const path = join(home, 'identity.json');
  try {
    const fd = openSync(path, 'wx', 0o600);
    const identity = createIdentity();
    writeSync(fd, `${JSON.stringify({ secretKey: toBase64Url(identity.secretKey) })}\n`);
    closeSync(fd);
    return { identity, name: undefined, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let parsed: z.infer<typeof IdentityFile>;
  try {
    parsed = IdentityFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new YamError(ErrorCode.AuthFailed, `${path} is not a valid Yam identity file`, { cause });
  }
  return {
    identity: identityFromSecretKey(fromBase64Url(parsed.secretKey)),
    name: parsed.name,
    path,
  };
}
