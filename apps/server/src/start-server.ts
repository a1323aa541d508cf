import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { blobGrants } from './blobs/blob-grants.ts';
import { registerBlobRoutes } from './blobs/blob-routes.ts';
import { BlobStore } from './blobs/blob-store.ts';
import { UploadTokens } from './blobs/upload-tokens.ts';
import type { Bus } from './bus/bus.ts';
import { MemoryBus } from './bus/memory/memory-bus.ts';
import { resolveConfig, type ServerOptions } from './config.ts';
import { registerHostCheck } from './http/host-check.ts';
import { registerRoutes } from './http/routes.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { createLogger } from './logger.ts';
import { mlsDelivery } from './mls-ds/mls-delivery.ts';
import { profileHandlers } from './profiles/profile-handlers.ts';
import { Relay } from './relay/relay.ts';
import { loadSecret } from './relay/secret.ts';
import { signalHandlers } from './signalling/signal-handlers.ts';
import { SqliteStorage } from './storage/sqlite/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { setupTurn } from './turn/setup-turn.ts';

export type RunningServer = {
  /** http://host:port */
  url: string;
  port: number;
  /** The STUN/TURN port (UDP and TCP) when the built-in TURN server runs. */
  turnPort?: number;
  /** Graceful stop; calling it again returns the same promise. */
  close(): Promise<void>;
};

/**
 * The composition root: wires storage, bus, HTTP routes, and the relay with its features
 * (MLS delivery, profiles, signalling), then listens.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  const log = createLogger(config.logLevel, config.logStream);
  const secret = loadSecret(config.dataDir);
  const storage: Storage = options.storage ?? new SqliteStorage(join(config.dataDir, 'yam.db'));
  const bus: Bus = options.bus ?? new MemoryBus();
  const { server: turn, iceServers } = setupTurn(config.turn, config.publicUrl, secret, log);
  const uploadTokens = new UploadTokens(secret, config.limits.uploadTokenTtlMs);
  const relay = new Relay({
    config,
    storage,
    bus,
    log,
    plugins: [
      mlsDelivery({ storage, limits: config.limits, log }),
      profileHandlers({ storage }),
      signalHandlers({ iceServers }),
      blobGrants(uploadTokens),
    ],
  });
  let shuttingDown = false;

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Request URLs may carry room names: the server logs its own lines instead.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    trustProxy: false,
  });
  registerSecurityHeaders(app);
  registerHostCheck(app, config);
  await registerRoutes(app, config, () => shuttingDown);
  const blobs = new BlobStore(join(config.dataDir, 'blobs', 'blobs.db'), {
    quotaBytes: config.limits.blobQuotaBytes,
    ttlMs: config.limits.blobTtlMs,
  });
  registerBlobRoutes(app, blobs, uploadTokens, config.limits.maxBlobBytes);
  app.server.on('upgrade', relay.handleUpgrade);

  try {
    await turn?.listen();
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await Promise.allSettled([relay.close(), storage.close(), bus.close(), turn?.close()]);
    blobs.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.info({ host: config.host, port }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      await relay.close();
      await turn?.close();
      await app.close();
      await bus.close();
      await storage.close();
      blobs.close();
      log.info('stopped');
    })();
    return closing;
  };
  return { url: `http://${host}:${port}`, port, turnPort: turn?.port, close };
}
