// The composition root: builds every service from the settings and wires them together.
// Nothing else constructs services or reads settings, so tests build the same app with their
// own settings and stand-ins.
import type { FastifyInstance } from 'fastify';
import { createAniListClient, type AniListClient } from './anilist/client.ts';
import { createCatalogue, type Catalogue } from './catalogue/catalogue.ts';
import { aniListHealthCheck } from './anilist/health.ts';
import { createPacer } from './anilist/pacer.ts';
import type { Config } from './config.ts';
import { createWebhookSender } from './delivery/discord/webhook-sender.ts';
import { createNotifications, type Notifications } from './delivery/notifications.ts';
import type { CommandServices } from './commands/command.ts';
import { commandReference } from './commands/command-reference.ts';
import { createDiscordBot, type DiscordBot } from './discord/bot.ts';
import { createDiscordRest } from './discord/rest.ts';
import { tierTable } from './domain/tiers.ts';
import { createMalClient } from './mal/client.ts';
import { enforceTierLimits } from './premium/enforce-tier-limits.ts';
import { createPatreonApi } from './premium/patreon-api.ts';
import { createPatreonPremium, type PatreonPremium } from './premium/patreon-premium.ts';
import { patreonWebhookRoute } from './premium/webhook.route.ts';
import { watchSpreadLists } from './premium/spread-lists.ts';
import type { Logger } from './logger.ts';
import { createRetentionJob, type RetentionJob } from './privacy/retention.ts';
import { createAiringSync } from './schedule/sync.ts';
import { createSyncScheduler, type SyncScheduler } from './schedule/sync-scheduler.ts';
import { createLeadership, type LeaderJobs, type Leadership } from './schedule/leadership.ts';
import { ROLES, RoleListError, sqliteRefusal, type Role } from './domain/roles.ts';
import type { Readiness } from './observability/health.ts';
import { MEDIA_MAX_AGE_MS, SYNC_WINDOW_AHEAD_MS, SYNC_WINDOW_BACK_MS } from './domain/airing-window.ts';
import { openStore, type Store } from './store/open-store.ts';
import { createMetrics } from './observability/metrics.ts';
import { buildMetricsServer } from './web/metrics-server.ts';
import { buildWebServer } from './web/server.ts';
import { analyticsConsent } from './web/analytics-consent.ts';
import { botInviteUrl } from './dashboard/bot-invite.ts';
import { dashboardPlugin } from './dashboard/plugin.ts';
import { readCertificateFiles, replaceCertificate, type TlsFiles } from './web/tls.ts';

export interface App {
  store: Store;
  anilist: AniListClient;
  catalogue: Catalogue;
  airingSync: SyncScheduler;
  notifications: Notifications;
  retention: RetentionJob;
  discord: DiscordBot;
  /** Premium through Patreon, when any PATREON_* setting turns it on. */
  premium: PatreonPremium | undefined;
  /** What this process does (`anitrack start --role`). */
  roles: readonly Role[];
  /** The scheduler lock's holder or standby, when this process has the scheduler role. */
  scheduler: Leadership | undefined;
  /** What GET /readyz answers. */
  readiness(): Promise<Readiness>;
  web: FastifyInstance;
  /**
   * Starts listening and the background jobs of this process's roles; resolves with the web
   * server's address (the metrics listener's for a process without the web role).
   */
  start(): Promise<string>;
  /** Where Prometheus scrapes /metrics and /healthz and /readyz answer (METRICS_HOST:METRICS_PORT), once started. */
  metricsAddress(): string;
  /**
   * Reads TLS_CERT_FILE and TLS_KEY_FILE again and serves them to new connections (after a
   * renewal; the CLI calls it on SIGHUP). When they cannot be used the old certificate stays and
   * the log says why. True when the new files are served.
   */
  reloadCertificate(): boolean;
  stop(): Promise<void>;
}

/**
 * What a caller may put in place of what the settings say, without rewriting the settings: the
 * sandbox runs the same app on its own database and against its own stand-ins; tests bring a clock.
 */
export interface AppOverrides {
  clock?: { now(): number };
  /** A database of the caller's own, sealed with a key that is never written anywhere. */
  database?: { url: string; encryptionKey: Buffer };
  /** A Discord at another address, with the application it serves; interactions come over HTTP. */
  discord?: {
    apiUrl: string;
    applicationId: string;
    publicKeyHex: string;
    botToken: string;
    /** Its OAuth2 client secret and consent page, for the dashboard's Login with Discord. */
    clientSecret?: string;
    authorizeUrl?: string;
  };
  anilist?: { url: string; requestsPerMinute: number };
  /** No MyAnimeList client, whatever the settings say. */
  withoutMyAnimeList?: boolean;
  metricsPort?: number;
  /** Roles of this process (`anitrack start --role`); default every role. */
  roles?: readonly Role[];
  /**
   * Plain http whatever TLS_CERT_FILE says: the sandbox's stand-in Discord calls the app at its
   * own address and would not trust the installation's certificate for it.
   */
  plainHttp?: boolean;
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? { now: Date.now };
  const store = overrides.database
    ? await openStore(
        {
          DATABASE_URL: overrides.database.url,
          DATA_DIR: config.DATA_DIR,
          ENCRYPTION_KEY: overrides.database.encryptionKey.toString('base64'),
          ENCRYPTION_KEYS_OLD: [],
        },
        logger,
      )
    : await openStore(config, logger);
  const discordSettings = overrides.discord
    ? {
        apiUrl: overrides.discord.apiUrl,
        applicationId: overrides.discord.applicationId,
        publicKeyHex: overrides.discord.publicKeyHex,
        botToken: overrides.discord.botToken,
        mode: 'http' as const,
        restProxyUrl: undefined,
      }
    : {
        apiUrl: config.DISCORD_API_URL,
        applicationId: config.DISCORD_APPLICATION_ID,
        publicKeyHex: config.DISCORD_PUBLIC_KEY,
        botToken: config.DISCORD_BOT_TOKEN,
        mode: config.INTERACTIONS_MODE,
        restProxyUrl: config.DISCORD_REST_PROXY_URL,
      };
  const anilistSettings = overrides.anilist ?? { url: config.ANILIST_API_URL, requestsPerMinute: config.ANILIST_REQUESTS_PER_MINUTE };
  const { repositories } = store;
  const now = () => clock.now();
  const roles = overrides.roles ?? ROLES;
  const has = (role: Role) => roles.includes(role);
  const refusal = store.database.dialect === 'sqlite' ? sqliteRefusal(roles, { gatewayMode: discordSettings.mode === 'gateway' }) : undefined;
  if (refusal) {
    await store.database.close();
    throw new RoleListError(refusal);
  }

  // One pacer for the whole process: AniList limits us per address, not per caller.
  const anilist = createAniListClient({
    url: anilistSettings.url,
    pacer: createPacer({ requestsPerMinute: anilistSettings.requestsPerMinute }),
    logger: logger.child({ component: 'anilist' }),
  });

  const catalogue = createCatalogue({
    source: anilist,
    repositories,
    logger: logger.child({ component: 'catalogue' }),
    now,
    refreshEveryMs: config.CATALOGUE_REFRESH_MINUTES * 60_000,
    // Only where the scheduler runs (defined below; asked only once the app runs).
    refreshesHere: () => scheduler?.isLeading() ?? false,
  });

  const tiers = tierTable(config);
  // Premium notices and the dashboard's test send: rare single messages, paced per process.
  const sender = createWebhookSender({ apiUrl: discordSettings.apiUrl });
  // The worker's: only from the outbound addresses it holds, each used by one process at a time.
  const workerSender = createWebhookSender({
    apiUrl: discordSettings.apiUrl,
    addresses: config.OUTBOUND_ADDRESSES,
    locks: store.locks,
    logger: logger.child({ component: 'delivery' }),
  });
  const metrics = createMetrics({
    queueDepth: () => repositories.deliveries.countDue(now()),
    discordRateLimited: () => sender.rateLimitedCount() + workerSender.rateLimitedCount(),
    deliveryTroubles: () => notifications.troubles(),
    outboundAddressesHeld: () => workerSender.addressesHeld().length,
  });
  const notifications = createNotifications({
    repositories,
    sender: workerSender,
    tiers,
    logger: logger.child({ component: 'delivery' }),
    now,
    catchUpMs: config.CATCH_UP_HOURS * 3_600_000,
    aheadMs: SYNC_WINDOW_AHEAD_MS,
    leaseMs: config.DELIVERY_LEASE_SECONDS * 1000,
    metrics,
    acrossProcesses: (work) => store.locks.exclusive('delivery planning', work),
    // Planning in another process cannot wake this worker: it looks for new work every few seconds.
    ...(store.database.dialect === 'postgres' && { idleCheckMs: 5000 }),
  });

  const airingSync = createSyncScheduler(
    createAiringSync({
      source: anilist,
      trackedAnime: repositories.trackedAnime,
      media: repositories.media,
      airings: repositories.airings,
      deliveries: repositories.deliveries,
      catalogue: repositories.catalogue,
      logger: logger.child({ component: 'sync' }),
      now,
      windowBackMs: SYNC_WINDOW_BACK_MS,
      windowAheadMs: SYNC_WINDOW_AHEAD_MS,
      mediaMaxAgeMs: MEDIA_MAX_AGE_MS,
    }),
    { intervalMs: config.SYNC_INTERVAL_MINUTES * 60_000, logger: logger.child({ component: 'sync' }), afterSync: () => notifications.plan() },
  );

  const premiumLogger = logger.child({ component: 'premium' });
  const fitToTiers = (guildIds?: readonly string[]) =>
    enforceTierLimits({ repositories, tiers, planSoon: (guildId) => notifications.planSoon(guildId), now, logger: premiumLogger }, guildIds);

  const patreonApi = createPatreonApi({ apiUrl: config.PATREON_API_URL });
  const campaign =
    config.PATREON_CAMPAIGN_ID && config.PATREON_CREATOR_TOKEN ? { id: config.PATREON_CAMPAIGN_ID, creatorToken: config.PATREON_CREATOR_TOKEN } : undefined;
  const premium =
    campaign || config.PATREON_WEBHOOK_SECRET || config.PATREON_CLIENT_ID
      ? createPatreonPremium({
          repositories,
          api: patreonApi,
          campaign,
          rules: config.PATREON_TIERS,
          graceDays: config.PATREON_GRACE_DAYS,
          rescanEveryMs: config.PATREON_RESCAN_MINUTES * 60_000,
          tiers,
          enforceTierLimits: async (guildIds) => void (await fitToTiers(guildIds)),
          deliverNotices: { sender },
          logger: premiumLogger,
          now,
          acrossProcesses: (work) => store.locks.exclusive('patreon premium', work),
        })
      : undefined;

  // Hourly is plenty: the pattern builds up over days, and the operator acts on it by hand.
  const spreadLists = watchSpreadLists({ repositories, tiers, logger: premiumLogger, everyMs: 3_600_000 });

  const discordLogger = logger.child({ component: 'discord' });
  const rest = createDiscordRest({ apiUrl: discordSettings.apiUrl, botToken: discordSettings.botToken, proxyUrl: discordSettings.restProxyUrl });
  if (!discordSettings.botToken) discordLogger.warn('DISCORD_BOT_TOKEN is not set: AniTrack is not connected to Discord');
  const commandServices: CommandServices = {
    repositories,
    anilist,
    catalogue,
    mal:
      config.MAL_CLIENT_ID && !overrides.withoutMyAnimeList
        ? createMalClient({ apiUrl: config.MAL_API_URL, clientId: config.MAL_CLIENT_ID, logger: logger.child({ component: 'mal' }) })
        : undefined,
    syncAnimeSoon: (mediaId) => airingSync.syncAnimeSoon(mediaId),
    planSoon: (guildId) => notifications.planSoon(guildId),
    discord: rest.api,
    applicationId: discordSettings.applicationId ?? '0',
    tiers,
    enforceTierLimits: (guildIds) => fitToTiers(guildIds),
    ...(premium && { premiumChanged: () => premium.recompute() }),
    logger: discordLogger,
    now,
  };
  const discord = createDiscordBot({
    rest,
    services: commandServices,
    maintenance: config.MAINTENANCE_MESSAGE ? { message: config.MAINTENANCE_MESSAGE, statusPageUrl: config.STATUS_PAGE_URL } : undefined,
    publicKeyHex: discordSettings.publicKeyHex,
    gatewayToken: discordSettings.mode === 'gateway' ? discordSettings.botToken : undefined,
    shards: { count: config.SHARD_COUNT, ids: config.SHARD_IDS },
  });

  const retention = createRetentionJob({
    repositories,
    discord: discord.rest.api,
    logger: logger.child({ component: 'retention' }),
    now,
    graceMs: config.RETENTION_GRACE_DAYS * 24 * 3_600_000,
    historyMs: config.DELIVERY_HISTORY_DAYS * 24 * 3_600_000,
    auditLogMs: config.AUDIT_LOG_DAYS * 24 * 3_600_000,
  });

  // The settings read both files once; a renewal is read again by reloadCertificate.
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = config;
  const tls =
    certFile && keyFile && !overrides.plainHttp
      ? { files: { certFile: certFile.path, keyFile: keyFile.path } satisfies TlsFiles, certificate: { cert: certFile.pem, key: keyFile.pem } }
      : undefined;
  // With PORT=0 (tests, the sandbox) and no PUBLIC_URL, the address is known once the server listens.
  let publicUrl = config.PUBLIC_URL;
  const clientSecret = overrides.discord ? overrides.discord.clientSecret : config.DISCORD_CLIENT_SECRET;

  const patreonForDashboard = premium && {
    api: patreonApi,
    campaignId: config.PATREON_CAMPAIGN_ID,
    rules: config.PATREON_TIERS,
    graceDays: config.PATREON_GRACE_DAYS,
    premium,
    oauth:
      config.PATREON_CLIENT_ID && config.PATREON_CLIENT_SECRET
        ? {
            clientId: config.PATREON_CLIENT_ID,
            clientSecret: config.PATREON_CLIENT_SECRET,
            authorizeUrl: `${config.PATREON_API_URL.replace(/\/+$/, '')}/oauth2/authorize`,
          }
        : undefined,
  };
  const authorizeUrl = overrides.discord?.authorizeUrl ?? config.DISCORD_AUTHORIZE_URL;
  const dashboard =
    clientSecret && discordSettings.applicationId
      ? {
          clientId: discordSettings.applicationId,
          clientSecret,
          authorizeUrl,
          apiUrl: discordSettings.apiUrl,
          publicUrl: () => publicUrl,
          sessionLifetimeMs: config.SESSION_DAYS * 24 * 3_600_000,
          sessions: repositories.sessions,
          commands: commandServices,
          sender,
          logger: logger.child({ component: 'dashboard' }),
          analytics: analyticsConsent(config.ANALYTICS_SCRIPT_URL),
          patreon: patreonForDashboard,
          now,
        }
      : undefined;
  // /anime premium links to the dashboard's billing page.
  if (dashboard) commandServices.dashboardUrl = publicUrl;
  const analytics = config.ANALYTICS_SCRIPT_URL ? analyticsConsent(config.ANALYTICS_SCRIPT_URL) : undefined;
  const healthChecks = [
    {
      name: 'database',
      check: async () => ((await store.database.ping()) ? { ok: true } : { ok: false, detail: 'the database does not answer' }),
    },
    aniListHealthCheck(anilist),
    ...notifications.healthChecks,
  ];
  const web = await buildWebServer({
    logger,
    analytics,
    tls: tls?.certificate,
    interactions: discord.interactionsRoute,
    metrics: config.METRICS_TOKEN ? { registry: metrics.registry, bearerToken: config.METRICS_TOKEN } : undefined,
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    policiesDirectory: config.POLICIES_DIR,
    now,
    inviteUrl: discordSettings.applicationId ? botInviteUrl(authorizeUrl, discordSettings.applicationId) : undefined,
    loginEnabled: dashboard !== undefined,
    commands: commandReference(),
    healthChecks,
    readiness: () => readiness(),
  });

  // The dashboard is registered here, not by the web server, which knows nothing of it.
  if (dashboard) await web.register(dashboardPlugin, dashboard);
  if (premium && config.PATREON_WEBHOOK_SECRET) {
    await web.register(patreonWebhookRoute, {
      secret: config.PATREON_WEBHOOK_SECRET,
      campaignId: config.PATREON_CAMPAIGN_ID,
      premium,
      repositories,
      logger: premiumLogger,
      now,
    });
  }

  // The scheduler's jobs, run by the one process holding the scheduler lock.
  const schedulerJobs: LeaderJobs = {
    async start() {
      // DEFAULT_TIER or the limits may have changed since the last run: fit every list before planning.
      await fitToTiers().catch((error: unknown) => premiumLogger.error({ err: error }, 'Fitting the lists to their tiers failed'));
      void notifications.plan();
      airingSync.start();
      retention.start();
      premium?.start();
      spreadLists.start();
    },
    async stop() {
      retention.stop();
      spreadLists.stop();
      await airingSync.pause();
      await premium?.pause();
    },
  };
  const scheduler: Leadership | undefined = has('scheduler')
    ? createLeadership({ locks: store.locks, jobs: schedulerJobs, logger: logger.child({ component: 'scheduler' }) })
    : undefined;

  let phase: 'starting' | 'running' | 'draining' = 'starting';
  const readiness = async (): Promise<Readiness> => {
    const doing: Record<string, string> = {};
    const live = phase === 'running' ? undefined : phase;
    if (has('web')) doing.web = live ?? 'serving';
    if (has('worker')) doing.worker = live ?? 'sending';
    if (has('scheduler')) doing.scheduler = live ?? (scheduler?.isLeading() ? 'running the scheduler' : 'standing by');
    if (has('gateway')) doing.gateway = discord.gateway ? (live ?? 'connected') : 'not used (INTERACTIONS_MODE is http)';
    const databaseAnswers = await store.database.ping();
    if (!databaseAnswers) doing.database = 'not answering';
    return { ready: phase === 'running' && databaseAnswers, roles: doing };
  };

  const metricsServer = await buildMetricsServer({ logger, registry: metrics.registry, healthChecks, readiness });
  let metricsAddress: string | undefined;

  let stopping: Promise<void> | undefined;
  return {
    store,
    anilist,
    catalogue,
    airingSync,
    notifications,
    retention,
    discord,
    premium,
    roles,
    scheduler,
    readiness,
    web,
    async start() {
      metricsAddress = await metricsServer.listen({ host: config.METRICS_HOST, port: overrides.metricsPort ?? config.METRICS_PORT });
      logger.info({ address: metricsAddress }, 'Prometheus metrics, /healthz and /readyz are served on this address');
      let address = metricsAddress;
      if (has('web')) {
        address = await web.listen({ host: config.HOST, port: config.PORT });
        if (config.PORT === 0 && !config.given.has('PUBLIC_URL')) publicUrl = address;
        if (dashboard) commandServices.dashboardUrl = publicUrl;
      }
      await scheduler?.start();
      if (has('worker')) await notifications.worker.start();
      // Commands (web, gateway) search it; the scheduler refreshes it. A worker needs none of it.
      if (has('web') || has('gateway') || has('scheduler')) await catalogue.start();
      if (has('gateway')) await discord.gateway?.connect();
      phase = 'running';
      logger.info({ address, publicUrl: has('web') ? publicUrl : undefined, roles }, 'AniTrack is running');
      return address;
    },
    reloadCertificate() {
      const webLogger = logger.child({ component: 'web' });
      if (!tls) {
        webLogger.warn('No certificate to reload: the web server is not serving HTTPS');
        return false;
      }
      try {
        replaceCertificate(web, readCertificateFiles(tls.files));
      } catch (error) {
        webLogger.error({ err: error }, 'The certificate was not reloaded; the previous one is still served');
        return false;
      }
      webLogger.info({ certFile: tls.files.certFile }, 'Reloaded the TLS certificate; new connections get it');
      return true;
    },
    metricsAddress() {
      if (!metricsAddress) throw new Error('the metrics listener is not listening yet: call start() first');
      return metricsAddress;
    },
    // A drain: /readyz turns 503 first, web answers what is in flight, the worker finishes its
    // sends and hands back what it had not begun, the scheduler lock goes to a standby.
    stop() {
      stopping ??= (async () => {
        phase = 'draining';
        await discord.gateway?.destroy();
        await web.close();
        await notifications.stop();
        await scheduler?.stop();
        retention.stop();
        spreadLists.stop();
        await airingSync.stop();
        await premium?.stop();
        await catalogue.stop();
        await metricsServer.close();
        sender.close();
        workerSender.close();
        await store.locks.close();
        await store.database.close();
      })();
      return stopping;
    },
  };
}
