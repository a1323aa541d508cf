import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import '@yam/protocol/english-errors';
import type { Redis } from 'ioredis';
import { blobGrants } from './blobs/blob-grants.ts';
import { registerBlobRoutes } from './blobs/blob-routes.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import { SqliteBlobStore } from './blobs/sqlite-blob-store.ts';
import { UploadTokens } from './blobs/upload-tokens.ts';
import type { Bus } from './bus/bus.ts';
import { MemoryBus } from './bus/memory/memory-bus.ts';
import { RedisBus } from './bus/redis/redis-bus.ts';
import { resolveConfig, type ServerLimits, type ServerOptions } from './config.ts';
import { registerHostCheck } from './http/host-check.ts';
import { registerRoutes } from './http/routes.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { createLogger } from './logger.ts';
import { mailHandlers } from './mail/mail-plugin.ts';
import { openMail } from './mail/open-mail.ts';
import { Metrics } from './metrics/metrics.ts';
import { listenMetrics, registerMetricsRoute } from './metrics/metrics-http.ts';
import { mlsDelivery } from './mls-ds/mls-delivery.ts';
import { RedisPasswordGuesses } from './mls-ds/redis-password-guesses.ts';
import { clientAddress } from './net/client-address.ts';
import { openPostgres } from './open-postgres.ts';
import { LinkPreviewFetcher } from './previews/link-preview-fetcher.ts';
import { ownAddresses } from './previews/own-addresses.ts';
import { previewHandlers } from './previews/preview-handlers.ts';
import { profileHandlers } from './profiles/profile-handlers.ts';
import { PUSH_SERVICE_HOSTS } from './push/endpoint-policy.ts';
import { pushHandlers } from './push/push-plugin.ts';
import { PushSender } from './push/push-sender.ts';
import type { PushStore } from './push/push-store.ts';
import { SqlitePushStore } from './push/sqlite-push-store.ts';
import { loadVapidKeys } from './push/vapid-keys.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';
import { IP_REFUSED, Relay } from './relay/relay.ts';
import { loadSecret } from './relay/secret.ts';
import { signalHandlers } from './signalling/signal-handlers.ts';
import { StickerLibrary } from './stickers/sticker-library.ts';
import { registerStickerRoutes } from './stickers/sticker-routes.ts';
import { ThreadedSqliteStorage } from './storage/sqlite/threaded-sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { registerHsts } from './tls/hsts.ts';
import { httpsServerFactory } from './tls/https-server.ts';
import { setupTls, type TlsSetup } from './tls/setup-tls.ts';
import { domainPublicUrl } from './tls/tls-config.ts';
import { setupTurn } from './turn/setup-turn.ts';

export type RunningServer = {
  /** http://host:port, or https://host:port when the server serves TLS itself */
  url: string;
  port: number;
  /** With TLS: the plain-http port that redirects to https and answers ACME challenges. */
  httpPort?: number;
  /** The STUN/TURN port (UDP and TCP) when the built-in TURN server runs. */
  turnPort?: number;
  /** The TURN-over-TLS (`turns:`) port when TLS and the built-in TURN server run. */
  turnTlsPort?: number;
  /** The port of `metrics.listen`, when metrics have their own address. */
  metricsPort?: number;
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
  const blobLimits = {
    quotaBytes: config.limits.blobQuotaBytes,
    ipQuotaBytes: config.limits.blobIpQuotaBytes,
    diskBudgetBytes: config.limits.blobDiskBudgetBytes,
    ttlMs: config.limits.blobTtlMs,
  };
  // --postgres: storage, blobs and the secret live in the database every server shares.
  const shared = config.postgres
    ? await openPostgres(
        config.postgres,
        blobLimits,
        loadSecret(config.dataDir),
        (error) =>
          log.warn({ err: error.message }, 'PostgreSQL connection lost; the pool reconnects'),
        options.mail !== undefined,
      )
    : undefined;
  let secret = shared?.secret ?? loadSecret(config.dataDir);
  const redis =
    config.redisUrl && !options.bus
      ? await RedisBus.connect(config.redisUrl, {
          ...(config.cluster ? { prefix: config.cluster.prefix } : {}),
          onError: (error) => log.warn({ err: error.message }, 'redis connection trouble'),
        })
      : undefined;
  // Tokens and TURN credentials one instance issues must verify on every other: PostgreSQL
  // shares the secret when it holds the data, else Redis does.
  if (redis && !shared) secret = await redis.sharedSecret(secret);
  const storage: Storage =
    options.storage ??
    shared?.storage ??
    // On a thread of its own: the event loop never waits for SQLite's fsync. A file that
    // cannot be opened or migrated fails the start, as it did on the main thread.
    (await ThreadedSqliteStorage.open(join(config.dataDir, 'yam.db')));
  const bus: Bus = options.bus ?? redis ?? new MemoryBus();
  // State other instances must see besides fan-out (password guesses) lives in the same Redis.
  const sharedRedis = bus instanceof RedisBus ? bus : undefined;
  const { server: turn, iceServers } = setupTurn(config.turn, config.publicUrl, secret, log);
  const uploadTokens = new UploadTokens(secret, config.limits.uploadTokenTtlMs);
  const metrics = new Metrics();
  const vapid = loadVapidKeys(config.dataDir);
  // Queued join requests, from the MLS delivery service to Web Push.
  const joinListeners: Array<(room: string) => void> = [];
  const pushStore: PushStore =
    shared?.push ?? new SqlitePushStore(join(config.dataDir, 'push', 'push.db'));
  const pushSender = new PushSender({
    vapid,
    subject: config.publicUrl ?? 'mailto:yam@localhost',
    store: pushStore,
    log,
    ...options.push?.sender,
  });
  // The mail names the public URL; without one, the address this server listens on.
  let listening = '';
  const mail = openMail(
    options.mail,
    config.dataDir,
    () => config.publicUrl ?? listening,
    log,
    shared?.mail,
  );
  const previewFetcher = config.linkPreviews
    ? new LinkPreviewFetcher({ ...config.linkPreviews, ownAddresses: await ownAddresses(config) })
    : undefined;
  const relay = new Relay({
    config,
    storage,
    bus,
    log,
    metrics,
    ...(config.cluster
      ? {
          cluster: {
            instanceId: randomUUID(),
            heartbeatMs: config.cluster.heartbeatMs,
            leaseMs: config.cluster.leaseMs,
          },
        }
      : {}),
    plugins: [
      mlsDelivery({
        storage,
        limits: config.limits,
        log,
        metrics,
        ...(sharedRedis && config.cluster
          ? sharedLimits(sharedRedis.commands, config.cluster.prefix, config.limits)
          : {}),
        onJoinQueued: (room) => {
          for (const listener of joinListeners) listener(room);
        },
      }),
      profileHandlers({ storage }),
      signalHandlers({
        iceServers,
        ...(config.turn
          ? {
              credentialsPerIp: {
                perSec: config.turn.credentialsPerMinPerIp / 60,
                burst: config.turn.credentialBurstPerIp,
              },
            }
          : {}),
      }),
      blobGrants(uploadTokens),
      pushHandlers({
        store: pushStore,
        sender: pushSender,
        storage,
        vapidPublicKey: vapid.publicKey,
        allowedHosts: options.push?.allowedHosts ?? PUSH_SERVICE_HOSTS,
        maxPerClient: options.push?.maxPerClient ?? 10,
        joinRequests: { listen: (onQueued) => joinListeners.push(onQueued) },
      }),
      previewHandlers(previewFetcher),
      mailHandlers({
        storage,
        ...(mail ? { mail } : {}),
        ...(options.mail?.onDecided ? { onDecided: options.mail.onDecided } : {}),
      }),
    ],
  });
  metrics.observe({
    openConnections: () => relay.counts.open,
    authenticatedConnections: () => relay.counts.authenticated,
    turnAllocations: () => turn?.allocations ?? 0,
  });
  let shuttingDown = false;

  // TLS first: the http listener must answer the CA's challenge before https can start.
  let tls: TlsSetup | undefined;
  try {
    tls = config.tls ? await setupTls(config.tls, config.host, config.dataDir, log) : undefined;
  } catch (error) {
    await Promise.allSettled([relay.close(), storage.close(), bus.close(), shared?.blobs.close()]);
    pushSender.close();
    pushStore.close();
    mail?.close();
    throw error;
  }
  const app = Fastify({
    ...(tls ? { serverFactory: httpsServerFactory(tls.live) } : {}),
    loggerInstance: log as FastifyBaseLogger,
    // Request URLs may carry room names: the server logs its own lines instead.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    trustProxy: false,
  });
  // The operator's IP deny/allow lists, before any route (the WebSocket upgrade checks them too).
  app.addHook('onRequest', async (request, reply) => {
    if (config.ipAccess.allows(clientAddress(request.raw, config.trustProxy))) return;
    return reply.code(403).type('text/plain; charset=utf-8').send(IP_REFUSED);
  });
  registerSecurityHeaders(app);
  registerHostCheck(app, config);
  if (tls && config.tls) registerHsts(app, config.tls.hstsMaxAgeSeconds);
  await registerRoutes(app, config, () => shuttingDown);
  if (config.stickersDir) registerStickerRoutes(app, new StickerLibrary(config.stickersDir));
  if (config.metrics?.token && !config.metrics.listen) {
    registerMetricsRoute(app, metrics, config.metrics.token);
  }
  const blobs: BlobStore =
    shared?.blobs ?? new SqliteBlobStore(join(config.dataDir, 'blobs', 'blobs.db'), blobLimits);
  registerBlobRoutes(app, blobs, uploadTokens, {
    maxBlobBytes: config.limits.maxBlobBytes,
    disk: shared
      ? undefined
      : { dir: join(config.dataDir, 'blobs'), minFreeBytes: config.limits.minFreeDiskBytes },
    trustProxy: config.trustProxy,
    metrics,
  });
  app.server.on('upgrade', relay.handleUpgrade);

  const listenPort = config.tls ? config.tls.httpsPort : config.port;
  let metricsServer: Awaited<ReturnType<typeof listenMetrics>> | undefined;
  try {
    if (config.metrics?.listen) {
      metricsServer = await listenMetrics(metrics, config.metrics.listen, config.metrics.token);
    }
    await turn?.listen();
    if (turn && tls && config.turn) {
      const live = tls.live;
      await turn.listenTls(live.current, config.turn.tlsPort);
      live.onSwap((pair) => turn.setSecureContext(pair));
    }
    await app.listen({ host: config.host, port: listenPort });
  } catch (error) {
    await Promise.allSettled([
      relay.close(),
      storage.close(),
      bus.close(),
      turn?.close(),
      tls?.close(),
      closeServer(metricsServer?.server),
      blobs.close(),
    ]);
    pushSender.close();
    pushStore.close();
    mail?.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listenPort;
  tls?.setHttpsPort(port);
  // [P-AUTH6] A domain on a port picked at listen time (tests): its origin is known only now.
  if (config.tls?.domain && config.publicOrigins.length === 0) {
    const url = domainPublicUrl(config.tls.domain, port);
    config.publicUrl = url;
    config.publicOrigins = [new URL(url).origin];
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.info({ host: config.host, port }, 'listening');
  listening = `${tls ? 'https' : 'http'}://${host}:${port}/`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      await relay.close();
      await turn?.close();
      await tls?.close();
      await closeServer(metricsServer?.server);
      await app.close();
      await bus.close();
      await storage.close();
      await blobs.close();
      pushSender.close();
      pushStore.close();
      mail?.close();
      log.info('stopped');
    })();
    return closing;
  };
  const scheme = tls ? 'https' : 'http';
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    ...(tls ? { httpPort: tls.httpPort } : {}),
    turnPort: turn?.port,
    ...(turn?.tlsPort !== undefined ? { turnTlsPort: turn.tlsPort } : {}),
    ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
    close,
  };
}

function closeServer(server: HttpServer | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Limits that must hold for the whole deployment, kept in the instances' Redis. */
function sharedLimits(redis: Redis, prefix: string, limits: ServerLimits) {
  return {
    guesses: new RedisPasswordGuesses(redis, prefix, limits),
    targets: new RedisRateLimiter(
      redis,
      `${prefix}kp-target:`,
      limits.keyPackageTargetRatePerSec,
      limits.keyPackageTargetBurst,
    ),
  };
}
