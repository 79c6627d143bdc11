// The `anitrack` command. Settings problems exit with code 2 after listing every one of them.
import { Command } from 'commander';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { configuredSecrets } from './logging/configured-secrets.ts';
import { createDiscordRest } from './discord/rest.ts';
import { registerCommands } from './discord/register-commands.ts';
import { startRestProxy } from './discord/rest-proxy.ts';
import { sandboxBanner, startSandbox } from './sandbox/start-sandbox.ts';
import { grantTier, limitChangeLine, listGrants, listPatreonServers, OperatorInputError, parseServerId, parseTier, revokeTier } from './cli/premium.ts';
import { findSpreadLists, spreadListLines } from './premium/spread-lists.ts';
import { tierTable } from './domain/tiers.ts';
import { parseRoles, ROLE_DUTIES, ROLES, RoleListError, type Role } from './domain/roles.ts';
import { enforceTierLimits } from './premium/enforce-tier-limits.ts';
import { openStore, type Store } from './store/open-store.ts';
import { rotateSecrets } from './store/rotate-secrets.ts';
import { BackupRefused } from './store/backup.ts';
import { backup } from './cli/backup.ts';

const EXIT_BAD_SETTINGS = 2;
// Within the 30 s compose.yaml gives a container to stop: a worker finishes the sends it began.
const SHUTDOWN_TIMEOUT_MS = 25_000;

// Commands whose answer is printed for a person (`premium`) log to stderr, so that stdout holds
// the answer alone; the others log to stdout as `start` does.
function setup(options: { logToStderr?: boolean } = {}): { config: Config; logger: Logger } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting and its meaning.\n`);
      process.exit(EXIT_BAD_SETTINGS);
    }
    throw error;
  }
  const secrets = configuredSecrets(config);
  if (options.logToStderr) return { config, logger: createLogger({ level: config.LOG_LEVEL, destination: process.stderr, secrets }) };
  return { config, logger: createLogger({ level: config.LOG_LEVEL, pretty: process.stdout.isTTY === true, secrets }) };
}

// Runs until SIGINT/SIGTERM, then stops cleanly (a second signal exits at once).
function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'Second signal: exiting without waiting');
      process.exit(1);
    }
    logger.info({ signal }, 'Stopping AniTrack');
    const timer = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    stop().then(
      () => {
        logger.info('Stopped cleanly');
        logger.flush();
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Error while stopping');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

// Any of these given without a bot token means a real installation missing its token, not a
// newcomer who wants to look around: starting the sandbox there would hide the mistake.
const REAL_INSTALL_SETTINGS = [
  'DATABASE_URL',
  'INTERACTIONS_MODE',
  'DISCORD_APPLICATION_ID',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_API_URL',
  'TLS_CERT_FILE',
  'TLS_KEY_FILE',
] as const;

async function start(options: { role?: string }): Promise<void> {
  let roles: readonly Role[] = ROLES;
  try {
    if (options.role !== undefined) roles = parseRoles(options.role);
  } catch (error) {
    if (!(error instanceof RoleListError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_BAD_SETTINGS);
  }
  const { config, logger } = setup();
  if (!config.DISCORD_BOT_TOKEN) {
    const given = REAL_INSTALL_SETTINGS.filter((name) => config.given.has(name));
    if (given.length > 0) {
      process.stderr.write(
        `AniTrack cannot start: DISCORD_BOT_TOKEN is not set, but ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'}.\n` +
          'Set DISCORD_BOT_TOKEN to run this installation (see .env.example), or run `anitrack sandbox` to try AniTrack with local stand-ins.\n',
      );
      process.exit(EXIT_BAD_SETTINGS);
    }
    // Nothing configured at all: a newcomer's first run, so show the sandbox.
    return runSandbox(config, logger);
  }
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, logger, { roles });
  } catch (error) {
    if (!(error instanceof RoleListError)) throw error;
    process.stderr.write(`AniTrack cannot start: ${error.message}\n`);
    process.exit(EXIT_BAD_SETTINGS);
  }
  stopOnSignals(() => app.stop(), logger);
  // After a renewal (certbot's deploy hook, `systemctl reload`): the new certificate without a
  // restart. Without TLS, SIGHUP keeps Node's default.
  if (config.TLS_CERT_FILE) process.on('SIGHUP', () => app.reloadCertificate());
  await app.start();
}

async function sandbox(): Promise<void> {
  const { config, logger } = setup();
  await runSandbox(config, logger);
}

async function runSandbox(config: Config, logger: Logger): Promise<void> {
  const running = await startSandbox(config, logger);
  stopOnSignals(() => running.stop(), logger);
  process.stdout.write(`${sandboxBanner(running.address)}\n`);
}

async function migrate(): Promise<void> {
  const { config, logger } = setup();
  const store = await openStore(config, logger);
  await store.database.close();
}

async function rotateKey(): Promise<void> {
  const { config, logger } = setup();
  const store = await openStore(config, logger);
  try {
    const report = await rotateSecrets(store.database.db, store.secrets);
    logger.info({ ...report, keyId: store.secrets.currentKeyId }, 'Every stored secret is now sealed under the current key');
  } finally {
    await store.database.close();
  }
}

// Exit 1 when no backup was written (PostgreSQL, or a refusal), so a scheduled job notices.
async function backupAction(file: string, options: { force?: boolean }): Promise<void> {
  const { config } = setup({ logToStderr: true });
  try {
    const outcome = await backup(config, file, { force: options.force === true });
    if (outcome.written) {
      process.stdout.write(`${outcome.report}\n`);
      return;
    }
    process.stderr.write(`${outcome.guidance}\n`);
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
  }
  process.exitCode = 1;
}

async function registerCommandsAction(options: { guild?: string }): Promise<void> {
  const { config, logger } = setup();
  if (!config.DISCORD_APPLICATION_ID || !config.DISCORD_BOT_TOKEN) {
    process.stderr.write('register-commands needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (see .env.example).\n');
    process.exit(EXIT_BAD_SETTINGS);
  }
  if (options.guild !== undefined && !/^\d{17,20}$/.test(options.guild)) {
    process.stderr.write('--guild must be a server id (17 to 20 digits).\n');
    process.exit(EXIT_BAD_SETTINGS);
  }
  const { rest } = createDiscordRest({ apiUrl: config.DISCORD_API_URL, botToken: config.DISCORD_BOT_TOKEN, proxyUrl: config.DISCORD_REST_PROXY_URL });
  const names = await registerCommands(rest, config.DISCORD_APPLICATION_ID, options.guild);
  logger.info({ commands: names, scope: options.guild ? `server ${options.guild}` : 'global' }, 'Commands registered');
}

async function restProxy(): Promise<void> {
  const { config, logger } = setup();
  const proxy = await startRestProxy({ apiUrl: config.DISCORD_API_URL, host: config.REST_PROXY_HOST, port: config.REST_PROXY_PORT, logger });
  stopOnSignals(() => proxy.close(), logger);
}

// The operator typed something wrong (a server id, a tier): one line, exit code 2, before the
// database is opened.
function readOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof OperatorInputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_BAD_SETTINGS);
  }
}

async function withStore(work: (store: Store, config: Config) => Promise<string>): Promise<void> {
  const { config, logger } = setup({ logToStderr: true });
  const store = await openStore(config, logger);
  try {
    process.stdout.write(`${await work(store, config)}\n`);
  } finally {
    await store.database.close();
  }
}

function premiumSet(serverId: string, tierName: string): Promise<void> {
  const guildId = readOrExit(() => parseServerId(serverId));
  const tier = readOrExit(() => parseTier(tierName));
  return withStore(async (store, config) => {
    const answer = await grantTier(store.repositories.guilds, guildId, tier, Date.now());
    return [answer, ...(await fitListToTier(store, config, guildId))].join('\n');
  });
}

function premiumClear(serverId: string): Promise<void> {
  const guildId = readOrExit(() => parseServerId(serverId));
  return withStore(async (store, config) => {
    const answer = await revokeTier(store.repositories.guilds, guildId, config.DEFAULT_TIER, Date.now());
    return [answer, ...(await fitListToTier(store, config, guildId))].join('\n');
  });
}

// The running bot does not hear of a grant made here, so this process fits the list itself. The
// bot's next planning pass (each airing sync) schedules what was resumed; what was paused has its
// pending notifications cancelled here, and the worker refuses to send it.
async function fitListToTier(store: Store, config: Config, guildId: string): Promise<string[]> {
  const [change] = await enforceTierLimits({ repositories: store.repositories, tiers: tierTable(config), planSoon: () => {}, now: Date.now }, [guildId]);
  return change ? [limitChangeLine(change)] : [];
}

function premiumList(): Promise<void> {
  return withStore(async (store, config) => {
    const tiers = tierTable(config);
    const sections = [
      await listGrants(store.repositories.guilds, config.DEFAULT_TIER),
      await listPatreonServers(store.repositories),
      spreadListLines(await findSpreadLists(store.repositories, tiers)).join('\n'),
    ];
    return sections.join('\n\n');
  });
}

function premiumCommand(): Command {
  const premium = new Command('premium').description(
    'Grant servers a premium tier by hand (free, supporter, supporter_plus), take a grant back, or list the grants. Servers without a grant are on DEFAULT_TIER.',
  );
  premium
    .command('set')
    .argument('<server id>')
    .argument('<tier>', 'free, supporter or supporter_plus')
    .description('Grant a server a tier.')
    .action(premiumSet);
  premium.command('clear').argument('<server id>').description("Take a server's grant back: it returns to DEFAULT_TIER.").action(premiumClear);
  premium
    .command('list')
    .description(
      'Every server with a granted tier and since when, the servers Patreon supporters upgrade, and accounts that may spread one list over several servers.',
    )
    .action(premiumList);
  return premium;
}

function buildProgram(): Command {
  const program = new Command('anitrack')
    .description('AniTrack: anime airing notifications for Discord servers.\nSettings come from the environment or a .env file; see .env.example.')
    .showHelpAfterError();
  program
    .command('start')
    .description(
      'Run AniTrack: open the database (migrating it if needed), serve the web server, sync airings and send notifications. With no settings at all it runs the sandbox instead; with a database or Discord settings but no DISCORD_BOT_TOKEN it refuses to start. Stops cleanly on Ctrl-C or SIGTERM, finishing the notifications being sent.',
    )
    .option(
      '--role <roles>',
      `what this process does, comma-separated (default all; several processes need PostgreSQL):\n${ROLES.map((role) => `  ${role}: ${ROLE_DUTIES[role]}`).join('\n')}`,
    )
    .action(start);
  program
    .command('sandbox')
    .description(
      'Run AniTrack against a local Discord and a local AniList, with a page at /sandbox to try every command. Needs no Discord application, and uses a database of its own (DATA_DIR/sandbox.db, new each run), never DATABASE_URL.',
    )
    .action(sandbox);
  program.command('migrate').description('Bring the database schema up to date, then exit. `start` does this too.').action(migrate);
  program
    .command('rotate-key')
    .description(
      'Re-seal every stored secret (webhook tokens) under ENCRYPTION_KEY. Run it after setting a new ENCRYPTION_KEY with the previous key listed in ENCRYPTION_KEYS_OLD.',
    )
    .action(rotateKey);
  program
    .command('backup')
    .argument('<file>', 'where to write the copy (refused if it exists, unless --force)')
    .description(
      'SQLite: copy the database to <file> while AniTrack runs (readable by this account only). PostgreSQL: print how to back it up with pg_dump. Keep the encryption key with any backup.',
    )
    .option('--force', 'replace <file> if it exists')
    .action(backupAction);
  program
    .command('register-commands')
    .description('Send every slash command definition to Discord in one bulk overwrite (global, or one server with --guild).')
    .option('--guild <id>', 'register for one server only; changes show at once (for development)')
    .action(registerCommandsAction);
  program
    .command('rest-proxy')
    .description(
      "Run the Discord REST proxy on REST_PROXY_HOST:REST_PROXY_PORT: every AniTrack process with DISCORD_REST_PROXY_URL sends its bot-token requests through it, so together they stay within the bot's 50 requests a second. It needs no token (each request brings its own) and forwards only to DISCORD_API_URL. Stops cleanly on Ctrl-C or SIGTERM.",
    )
    .action(restProxy);
  program.addCommand(premiumCommand());
  return program;
}

buildProgram()
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
