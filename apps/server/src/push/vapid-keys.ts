import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webPush from 'web-push';

/** The server's VAPID key pair (RFC 8292), base64url as web-push takes it. */
export type VapidKeys = { publicKey: string; privateKey: string };

/**
 * `<dataDir>/vapid.json` (mode 0600), made at first start: browsers tie each subscription to
 * this public key, so it must survive restarts and be the same for every process. [P-PUSH1]
 */
export function loadVapidKeys(dataDir: string): VapidKeys {
  const file = join(dataDir, 'vapid.json');
  mkdirSync(dataDir, { recursive: true });
  const existing = read(file);
  if (existing) return existing;
  const keys = webPush.generateVAPIDKeys();
  try {
    // 'wx': if another process created it first, use theirs.
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return read(file) ?? keys;
  }
}

function read(file: string): VapidKeys | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof parsed.publicKey === 'string' && typeof parsed.privateKey === 'string') {
      return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return undefined;
}
