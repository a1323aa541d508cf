import type { InsecurePage } from '../platform/secure-context.ts';
import { YamLogo } from '../ui/yam-logo.tsx';
import './not-secure.css';

/**
 * The whole page when the browser withholds Web Crypto (plain http, not localhost): what
 * is wrong, and the command that fixes it, instead of a library error after "Create room".
 */
export function NotSecure({ page }: { page: InsecurePage }) {
  const command = `./yam serve --domain ${page.host}`;
  const httpsUrl = `https://${page.host.includes(':') ? `[${page.host}]` : page.host}/`;
  const certificate = page.isIp
    ? 'Yam gets a certificate for the IP address by itself (Let\u2019s Encrypt issues short-lived IP certificates)'
    : 'Yam gets the certificate by itself';
  return (
    <main class="not-secure">
      <section class="not-secure-card" aria-labelledby="not-secure-title">
        <div class="not-secure-brand">
          <YamLogo />
          <span>Yam</span>
        </div>
        <div class="not-secure-badge">
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M7 10V7a5 5 0 0 1 10 0v3" />
            <rect x="4.5" y="10" width="15" height="11" rx="2.5" />
            <path d="M12 14v3" />
          </svg>
        </div>
        <h1 id="not-secure-title">This page is not secure, so Yam cannot start</h1>
        <p>
          You opened <strong class="not-secure-origin">{page.origin}</strong>: plain http, from a
          name that is not localhost. Browsers give the cryptography Yam needs (to encrypt your
          messages and to sign in with your device key) only to https pages and to localhost, so
          here it is switched off.
        </p>
        <h2>How to fix it</h2>
        <p>
          Whoever runs this server starts it with https, under this{' '}
          {page.isIp ? 'IP address' : 'name'}:
        </p>
        <pre class="not-secure-command">
          <code>{command}</code>
        </pre>
        <p>
          Then open <strong>{httpsUrl}</strong>. {certificate}; the server must be reachable from
          the internet on ports 80 and 443 for that.
        </p>
        <p class="not-secure-alt">
          Or put it behind an https reverse proxy such as nginx or Caddy (see the README). On the
          server's own machine, <strong>http://localhost</strong> works without https.
        </p>
      </section>
    </main>
  );
}
