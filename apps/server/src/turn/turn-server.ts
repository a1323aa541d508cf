import type { RemoteInfo, Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { Logger } from 'pino';
import { AllocationTable } from './allocation-table.ts';
import { looksLikeChannelData } from './channel-data.ts';
import type { ClientTransport } from './client-transport.ts';
import { NonceIssuer } from './nonce.ts';
import { PeerFilter } from './peer-filter.ts';
import { RequestLimiter } from './request-limiter.ts';
import type { Address } from './stun-writer.ts';
import { TcpFramer } from './tcp-framer.ts';
import type { TurnConfig } from './turn-config.ts';
import type { TurnContext } from './turn-context.ts';
import { handleClientPacket } from './turn-requests.ts';
import { createUdpSocket } from './udp-socket.ts';

/** A TCP client that sends nothing for this long is dropped; an allocation keeps it open. */
const TCP_IDLE_MS = 120_000;

/** The built-in STUN/TURN server: one UDP socket and one TCP listener on the same port. */
export class TurnServer {
  readonly #ctx: TurnContext;
  #udp: Socket;
  readonly #tcp: Server;
  readonly #tcpSockets = new Set<TcpSocket>();
  readonly #sweeper: NodeJS.Timeout;
  #port = 0;
  #tls: TlsServer | undefined;
  #tlsPort: number | undefined;
  #closed = false;

  constructor(config: TurnConfig & { secret: string }, log: Logger) {
    this.#ctx = {
      config,
      auth: {
        realm: config.realm,
        secret: config.secret,
        nonces: new NonceIssuer(config.nonceTtlMs),
      },
      filter: new PeerFilter({
        allowLoopbackPeers: config.allowLoopbackPeers,
        ownAddresses: [config.host, config.relayHost],
      }),
      table: new AllocationTable(),
      limiter: new RequestLimiter(config.requestsPerSecPerIp),
      log: log.child({ part: 'turn' }),
      bindRelay: (even) => bindRelay(config.relayHost, even),
      isClosed: () => this.#closed,
    };
    this.#udp = this.#createUdp();
    this.#tcp = createServer((socket) => this.#onTcp(socket));
    this.#tcp.maxConnections = config.maxTcpConnections;
    this.#sweeper = setInterval(() => this.#ctx.limiter.sweep(), 30_000);
    this.#sweeper.unref();
  }

  #createUdp(): Socket {
    const udp = createUdpSocket(this.#ctx.config.host.includes(':'));
    udp.on('message', (packet, rinfo) => {
      // ChannelData, the bulk of relayed traffic, skips the per-packet transport object.
      if (looksLikeChannelData(packet)) {
        this.#channelData(packet, rinfo);
        return;
      }
      const remote = { ip: unmapIpv4(rinfo.address), port: rinfo.port };
      const client: ClientTransport = {
        protocol: 'udp',
        key: `udp|${remote.ip}|${remote.port}`,
        remote,
        send: (data) => {
          // A reply racing shutdown must not throw out of an event handler.
          if (!this.#closed) udp.send(data, rinfo.port, rinfo.address);
        },
      };
      this.#dispatch(packet, client);
    });
    udp.on('error', (error) => this.#ctx.log.warn({ err: error.message }, 'turn udp error'));
    return udp;
  }

  /** Live and pending allocations (for the metrics). */
  get allocations(): number {
    return this.#ctx.table.size;
  }

  /**
   * Binds UDP, then TCP on the same port. With port 0 the UDP port may be taken for TCP by
   * someone else, so a fresh pair is tried a few times.
   */
  async listen(): Promise<number> {
    const { host, port, publicHost } = this.#ctx.config;
    // The name clients are told to use is this server too: never a peer. Resolved once here.
    if (publicHost) {
      const found = await lookup(publicHost, { all: true }).catch(() => []);
      for (const { address } of found) this.#ctx.filter.addOwn(address);
    }
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.#udp = this.#createUdp();
      await listenOnce(this.#udp, port, host);
      this.#port = this.#udp.address().port;
      try {
        await new Promise<void>((resolve, reject) => {
          this.#tcp.once('error', reject);
          this.#tcp.listen(this.#port, host, () => {
            this.#tcp.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        this.#udp.close();
        if (port !== 0 || attempt >= 8) throw error;
      }
    }
    this.#ctx.log.info({ host, port: this.#port }, 'turn listening');
    return this.#port;
  }

  get port(): number {
    return this.#port;
  }

  /** The TURN-over-TLS port once `listenTls` ran. */
  get tlsPort(): number | undefined {
    return this.#tlsPort;
  }

  /**
   * TURN over TLS (RFC 8656 §3.1, `turns:`): the same STUN framing as TCP inside TLS, with
   * the server's https certificate. Browsers behind firewalls that let only TLS out use it.
   */
  async listenTls(pair: { cert: string; key: string }, port: number): Promise<number> {
    const server = createTlsServer({ ...pair, handshakeTimeout: 10_000 }, (socket) =>
      this.#onTcp(socket),
    );
    server.maxConnections = this.#ctx.config.maxTcpConnections;
    // A failed handshake (scanner, wrong name) is that client's problem, not the server's.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.#ctx.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#tls = server;
    const address = server.address();
    this.#tlsPort = typeof address === 'object' && address ? address.port : port;
    this.#ctx.log.info({ port: this.#tlsPort }, 'turns listening');
    return this.#tlsPort;
  }

  /** Swaps the TLS certificate; the next handshake presents it. */
  setSecureContext(pair: { cert: string; key: string }): void {
    this.#tls?.setSecureContext(pair);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const allocation of this.#ctx.table.all()) allocation.close();
    for (const socket of this.#tcpSockets) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.#tcp.close(() => resolve())),
      new Promise<void>((resolve) => (this.#tls ? this.#tls.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => {
        try {
          this.#udp.close(() => resolve());
        } catch {
          resolve(); // never bound
        }
      }),
    ]);
  }

  /** A UDP ChannelData datagram: straight to its allocation, or dropped (no allocation). */
  #channelData(packet: Buffer, rinfo: RemoteInfo): void {
    const ip = unmapIpv4(rinfo.address);
    if (this.#ctx.config.ipAccess?.allows(ip) === false) return;
    try {
      this.#ctx.table.getUdp(ip, rinfo.port)?.channelData(packet);
    } catch (error) {
      // A bug on one datagram must not take the server down (as in #dispatch).
      this.#ctx.log.error({ err: String(error) }, 'turn packet failed');
    }
  }

  #dispatch(packet: Buffer, client: ClientTransport): void {
    // The operator's deny/allow lists: a refused address gets no answer at all.
    if (this.#ctx.config.ipAccess?.allows(client.remote.ip) === false) return;
    // Any throw here is a bug on one packet; it must not take the server down.
    handleClientPacket(packet, client, this.#ctx).catch((error: unknown) => {
      this.#ctx.log.error({ err: String(error) }, 'turn packet failed');
    });
  }

  #onTcp(socket: TcpSocket): void {
    if (this.#ctx.config.ipAccess?.allows(socket.remoteAddress) === false) {
      socket.destroy();
      return;
    }
    this.#tcpSockets.add(socket);
    const remote = { ip: unmapIpv4(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
    const client: ClientTransport = {
      protocol: 'tcp',
      key: `tcp|${remote.ip}|${remote.port}`,
      remote,
      send: (data) => {
        if (socket.destroyed || socket.writableLength >= 4 * 1024 * 1024) return;
        socket.write(Buffer.isBuffer(data) ? data : Buffer.concat(data));
      },
    };
    const framer = new TcpFramer((frame) => this.#dispatch(frame, client));
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_MS, () => {
      if (!this.#ctx.table.get(client.key)) socket.destroy();
    });
    socket.on('data', (chunk) => {
      if (!framer.push(chunk)) socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#tcpSockets.delete(socket);
      // RFC 8656 §7: a TCP allocation lives only as long as its connection.
      this.#ctx.table.get(client.key)?.close();
    });
  }
}

/** Binds a UDP relay socket; for EVEN-PORT, retries until the OS hands out an even port. */
async function bindRelay(
  host: string,
  even: boolean,
): Promise<{ socket: Socket; address: Address }> {
  for (let attempt = 0; ; attempt++) {
    const socket = createUdpSocket(host.includes(':'));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const { port } = socket.address();
    if (!even || port % 2 === 0 || attempt >= 16) return { socket, address: { ip: host, port } };
    socket.close();
  }
}

function listenOnce(udp: Socket, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => {
      udp.off('error', reject);
      resolve();
    });
  });
}

/** A dual-stack (::) listener sees IPv4 clients as ::ffff:a.b.c.d; they must see a.b.c.d. */
function unmapIpv4(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
