import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { isMatchingPair, type KeyPair, type LiveCertificate } from './live-certificate.ts';
import { TlsError } from './tls-error.ts';

export type CertificateFiles = { certFile: string; keyFile: string };

/** Reads the operator's certificate and key; throws a TlsError that says which file is wrong. */
export function readCertificateFiles(files: CertificateFiles): KeyPair {
  let pair: KeyPair;
  try {
    pair = { cert: readFileSync(files.certFile, 'utf8'), key: readFileSync(files.keyFile, 'utf8') };
  } catch (error) {
    throw new TlsError(
      'TLS_FILES_UNREADABLE',
      `cannot read the TLS files ${files.certFile} and ${files.keyFile}: check the paths and that this user may read them`,
      { cause: error },
    );
  }
  if (!isMatchingPair(pair)) {
    throw new TlsError(
      'TLS_FILES_MISMATCH',
      `${files.keyFile} is not the private key of the certificate in ${files.certFile}: give the matching PEM pair`,
    );
  }
  return pair;
}

/** How long after the last change event the files are read (renewal tools write two files). */
const SETTLE_MS = 200;

/**
 * Watches the certificate and key files and swaps them into `live` when both changed to a
 * valid pair. The folders are watched, not the files: tools such as certbot replace files
 * by rename, which a file watcher would lose. A half-written or mismatched pair is skipped
 * (the next change event retries) and the old certificate keeps serving.
 */
export function watchCertificateFiles(
  files: CertificateFiles,
  live: LiveCertificate,
  log: Logger,
): () => void {
  const names = new Set([basename(files.certFile), basename(files.keyFile)]);
  let settle: NodeJS.Timeout | undefined;
  const reload = () => {
    try {
      const pair = readCertificateFiles(files);
      if (pair.cert === live.current.cert && pair.key === live.current.key) return;
      live.swap(pair);
      log.info({ certFile: files.certFile }, 'tls files reloaded');
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'tls files changed but are not a valid pair yet');
    }
  };
  const watchers: FSWatcher[] = [...new Set([dirname(files.certFile), dirname(files.keyFile)])].map(
    (dir) =>
      watch(dir, (_event, name) => {
        if (name !== null && !names.has(name)) return;
        clearTimeout(settle);
        settle = setTimeout(reload, SETTLE_MS);
      }),
  );
  return () => {
    clearTimeout(settle);
    for (const watcher of watchers) watcher.close();
  };
}
