import { createPrivateKey, X509Certificate } from 'node:crypto';

/** A PEM certificate chain with its private key. */
export type KeyPair = { cert: string; key: string };

/** The parts of a certificate that decide renewal and show in logs. */
export type CertificateInfo = { notBefore: number; notAfter: number; serial: string };

/** Reads the leaf (first) certificate of a PEM chain; throws on anything that is not one. */
export function certificateInfo(certPem: string): CertificateInfo {
  const leaf = new X509Certificate(certPem);
  return {
    notBefore: Date.parse(leaf.validFrom),
    notAfter: Date.parse(leaf.validTo),
    serial: leaf.serialNumber,
  };
}

/**
 * The certificate the https, redirect-free TLS and TURN-over-TLS listeners present now.
 * Swapping it updates every listener in place (`setSecureContext`): open connections keep
 * their session, the next handshake gets the new certificate, nothing restarts.
 */
export class LiveCertificate {
  #current: KeyPair;
  readonly #listeners = new Set<(pair: KeyPair) => void>();

  constructor(initial: KeyPair) {
    this.#current = initial;
  }

  get current(): KeyPair {
    return this.#current;
  }

  get info(): CertificateInfo {
    return certificateInfo(this.#current.cert);
  }

  /** Calls `listener` on every later swap; returns the unsubscribe function. */
  onSwap(listener: (pair: KeyPair) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  swap(pair: KeyPair): void {
    this.#current = pair;
    for (const listener of this.#listeners) listener(pair);
  }
}

/** Whether `key` is the private key of the chain's leaf certificate. */
export function isMatchingPair(pair: KeyPair): boolean {
  try {
    return new X509Certificate(pair.cert).checkPrivateKey(createPrivateKey(pair.key));
  } catch {
    return false;
  }
}
