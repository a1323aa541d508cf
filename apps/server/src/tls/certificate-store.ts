import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from './live-certificate.ts';

/**
 * The ACME state kept in `<data>/tls/`: the account key and the last certificate with its
 * key, so a restart reuses them instead of asking the CA again (CAs rate-limit issuance).
 * Keys are written 0600 and every write is atomic (temp file + rename).
 */
export class CertificateStore {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'tls');
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
  }

  accountKey(): string | undefined {
    return this.#read('acme-account-key.pem');
  }

  saveAccountKey(pem: string): void {
    this.#write('acme-account-key.pem', pem, 0o600);
  }

  /** The stored certificate for `identifier`, if both files are there. */
  certificate(identifier: string): KeyPair | undefined {
    const cert = this.#read(`${fileName(identifier)}.cert.pem`);
    const key = this.#read(`${fileName(identifier)}.key.pem`);
    return cert && key ? { cert, key } : undefined;
  }

  saveCertificate(identifier: string, pair: KeyPair): void {
    // Key first: a crash between the two leaves an old cert with a new key, which fails
    // the pairing check on load and is re-issued, never served.
    this.#write(`${fileName(identifier)}.key.pem`, pair.key, 0o600);
    this.#write(`${fileName(identifier)}.cert.pem`, pair.cert, 0o644);
  }

  #read(name: string): string | undefined {
    const path = join(this.#dir, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  #write(name: string, text: string, mode: number): void {
    const path = join(this.#dir, name);
    const temp = `${path}.tmp`;
    writeFileSync(temp, text, { mode });
    renameSync(temp, path);
  }
}

/** A file-name-safe form of a domain or IP (IPv6 colons become dashes). */
function fileName(identifier: string): string {
  return identifier.replace(/[^a-z0-9.-]/gi, '-');
}
