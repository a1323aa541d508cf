import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why the pebble tests cannot run here, or undefined when they can (or must: CI). */
export function pebbleSkipReason(): string | undefined {
  const missing = ['pebble', 'openssl'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return undefined;
  if (process.env.CI === 'true') return undefined; // installed on purpose in CI: fail, not skip
  return `${missing.join(', ')} missing: apt-get install -y pebble openssl`;
}

/** A free TCP port on 127.0.0.1 (closed again, so a server can take it). */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl (test keys only). */
export function selfSignedPair(
  dir: string,
  name: string,
  cn = 'localhost',
  days = 2,
): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${name}.cert.pem`);
  const keyFile = join(dir, `${name}.key.pem`);
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
      ...['-keyout', keyFile, '-out', certFile, '-days', String(days), '-subj', `/CN=${cn}`],
      ...['-addext', `subjectAltName=DNS:${cn},IP:127.0.0.1`],
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

export type Pebble = {
  directoryUrl: string;
  /** The certificate pebble's own API listener presents (trust it to talk ACME). */
  apiCert: string;
  /** The root that signs the certificates pebble issues (fetched after start). */
  root: string;
  /** The intermediate that signs leaf certificates (servers present it in their chain). */
  intermediate: string;
  stop(): Promise<void>;
};

/**
 * Starts Debian's pebble (a test ACME CA) on free ports; its validation authority checks
 * HTTP-01 on `httpPort` of the identifier (so a test server's redirect listener must be
 * there). No sleeping before validation, no bogus nonce rejections.
 */
export async function startPebble(
  httpPort: number,
  options: { fakeDns?: boolean } = {},
): Promise<Pebble> {
  const dir = mkdtempSync(join(tmpdir(), 'yam-pebble-'));
  // Any name resolves to 127.0.0.1 for pebble's validation when fakeDns is on.
  const dns = options.fakeDns ? await startFakeDns() : undefined;
  const { certFile, keyFile } = selfSignedPair(dir, 'pebble-api');
  const [apiPort, managementPort, tlsPort] = [
    await freeTcpPort(),
    await freeTcpPort(),
    await freeTcpPort(),
  ];
  const configFile = join(dir, 'pebble-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${apiPort}`,
        managementListenAddress: `127.0.0.1:${managementPort}`,
        certificate: certFile,
        privateKey: keyFile,
        httpPort,
        tlsPort,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  const args = ['-config', configFile, ...(dns ? ['-dnsserver', dns.address] : [])];
  const child: ChildProcess = spawn('pebble', args, {
    env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const apiCert = readFileSync(certFile, 'utf8');
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        dns?.child.kill('SIGKILL');
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGKILL');
    });
  try {
    const root = await waitForRoot(managementPort, apiCert, () => output);
    const intermediate = await httpsText(
      `https://127.0.0.1:${managementPort}/intermediates/0`,
      apiCert,
    );
    return { directoryUrl: `https://127.0.0.1:${apiPort}/dir`, apiCert, root, intermediate, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * pebble-challtestsrv as a DNS server only: every A query gets 127.0.0.1 and AAAA none,
 * so a test can use a real-looking name (browsers treat localhost specially).
 */
async function startFakeDns(): Promise<{ address: string; child: ChildProcess }> {
  const [dnsPort, managementPort] = [await freeTcpPort(), await freeTcpPort()];
  const child = spawn(
    'pebble-challtestsrv',
    [
      ...['-dns01', `127.0.0.1:${dnsPort}`, '-management', `127.0.0.1:${managementPort}`],
      ...['-http01', '', '-https01', '', '-tlsalpn01', '', '-defaultIPv6', ''],
    ],
    { stdio: 'ignore' },
  );
  // It answers its management API once it listens.
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`http://127.0.0.1:${managementPort}/`).then(
      () => true,
      () => false,
    );
    if (up) return { address: `127.0.0.1:${dnsPort}`, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('pebble-challtestsrv did not start');
}

/** Polls pebble's management API until it hands out its root (it listens within a second). */
async function waitForRoot(port: number, ca: string, output: () => string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return await httpsText(`https://127.0.0.1:${port}/roots/0`, ca);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`pebble did not start:\n${output()}`);
}

/** GET over https trusting only `ca`; resolves with the body of a 200. */
export function httpsText(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
