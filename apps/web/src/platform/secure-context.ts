/** Where the page was loaded from, for telling a person why Yam cannot run there. */
export type InsecurePage = {
  /** http://name:port, as the address bar shows it. */
  origin: string;
  /** The name or IP alone (no brackets, no port): what `--domain` takes. */
  host: string;
  /** Whether `host` is an IP address rather than a name. */
  isIp: boolean;
};

/**
 * Undefined when the page is a secure context with Web Crypto; otherwise where it was
 * loaded from. Browsers give `crypto.subtle` (and service workers) only to https pages
 * and localhost, and Yam's keys, signatures and encryption all need it.
 */
export function insecurePage(): InsecurePage | undefined {
  if (globalThis.isSecureContext !== false && globalThis.crypto?.subtle) return undefined;
  const host = location.hostname.replace(/^\[|\]$/g, '');
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  return { origin: location.origin, host, isIp };
}
