import { createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer for tests: each new connection goes to the current `target` port,
 * and `cut(port)` drops every connection to one backend at once, as a dead instance would.
 */
export class SwitchProxy {
  readonly #server: Server;
  readonly #links = new Map<number, Set<Socket>>();
  target = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<SwitchProxy> {
    let proxy!: SwitchProxy;
    const server = createServer((client) => proxy.#link(client));
    proxy = new SwitchProxy(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Drops every connection to the backend on `port`, without a close handshake. */
  cut(port: number): void {
    for (const socket of this.#links.get(port) ?? []) socket.destroy();
  }

  async close(): Promise<void> {
    for (const port of this.#links.keys()) this.cut(port);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #link(client: Socket): void {
    const port = this.target;
    const backend = new (client.constructor as typeof Socket)();
    backend.connect(port, '127.0.0.1');
    let sockets = this.#links.get(port);
    if (!sockets) {
      sockets = new Set();
      this.#links.set(port, sockets);
    }
    const pair = sockets;
    pair.add(client);
    pair.add(backend);
    const end = () => {
      client.destroy();
      backend.destroy();
      pair.delete(client);
      pair.delete(backend);
    };
    client.on('error', end).on('close', end);
    backend.on('error', end).on('close', end);
    client.pipe(backend);
    backend.pipe(client);
  }
}
