// The one place that reads the environment. Every setting is described once, here; the
// schema coerces strings into typed values and reports every problem at the same time so an
// operator fixes their `.env` in one pass instead of one error per restart.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' });
const optionalText = z.string().min(1).optional();

// A tier limit: a whole number, or "unlimited" (read as null).
const limit = z.union([z.literal('unlimited').transform(() => null), z.coerce.number().int().min(1)], {
  error: 'must be a whole number of at least 1, or "unlimited"',
});

function integer(min: number, max: number) {
  return z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

// A PEM file, read once here so a missing or wrong file stops start-up with the other settings
// problems; the path is kept for reading the file again when the certificate is renewed.
export interface PemFile {
  path: string;
  pem: string;
}

function pemFile(kind: 'certificate' | 'private key') {
  return z
    .string()
    .optional()
    .transform((path, ctx): PemFile | undefined => {
      if (path === undefined) return undefined;
      let pem: string;
      try {
        pem = readFileSync(path, 'utf8');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot be read: ${readProblem(error)}` });
        return z.NEVER;
      }
      const problem = kind === 'certificate' ? certificateProblem(pem) : privateKeyProblem(pem);
      if (!problem) return { path, pem };
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    });
}

const base64Key = z.string().refine((value) => isBase64Of32Bytes(value), 'must be the base64 encoding of exactly 32 bytes (try: openssl rand -base64 32)');

const settingsObject = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must look like sqlite:./data/anitrack.db or postgres://user:password@host/db')
    .default('sqlite:./data/anitrack.db'),
  DATA_DIR: z.string().min(1).default('./data'),
  POLICIES_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../docs/policies', import.meta.url))),
  ENCRYPTION_KEY: base64Key.optional(),
  ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((key) => key.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(base64Key)),

  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters')
    .optional(),
  DISCORD_BOT_TOKEN: optionalText,
  INTERACTIONS_MODE: z.enum(['gateway', 'http'], { error: 'must be gateway or http' }).default('gateway'),
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  // `anitrack rest-proxy`: every process sends its bot-token requests there, so one queue keeps
  // the bot's global budget. Where that proxy listens, and where the others reach it.
  DISCORD_REST_PROXY_URL: httpUrl.optional().transform((value, ctx) => (value === undefined ? undefined : proxyBase(value, ctx))),
  REST_PROXY_HOST: z.string().min(1).default('127.0.0.1'),
  REST_PROXY_PORT: integer(0, 65535).default(8090),
  // Gateway sharding: unset runs the count Discord recommends; SHARD_IDS splits them over processes.
  SHARD_COUNT: integer(1, 100_000).optional(),
  SHARD_IDS: z
    .string()
    .optional()
    .transform((value, ctx) => (value === undefined ? undefined : parseShardIds(value, ctx))),
  // The dashboard's Login with Discord: the application's OAuth2 secret and Discord's consent page.
  DISCORD_CLIENT_SECRET: optionalText,
  DISCORD_AUTHORIZE_URL: httpUrl.default('https://discord.com/oauth2/authorize'),
  SESSION_DAYS: integer(1, 90).default(14),

  ANILIST_API_URL: httpUrl.default('https://graphql.anilist.co'),
  ANILIST_REQUESTS_PER_MINUTE: integer(1, 90).default(30),
  SYNC_INTERVAL_MINUTES: integer(1, 1440).default(15),
  CATALOGUE_REFRESH_MINUTES: integer(10, 1440).default(180),

  MAL_API_URL: httpUrl.default('https://api.myanimelist.net/v2'),
  MAL_CLIENT_ID: optionalText,

  // Premium through Patreon: the campaign whose members are rescanned with the creator's token,
  // the webhook's secret, the OAuth client for "Link Patreon", and which pledges give which tier.
  PATREON_API_URL: httpUrl.default('https://www.patreon.com'),
  PATREON_CAMPAIGN_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the campaign id Patreon shows (digits)')
    .optional(),
  PATREON_CREATOR_TOKEN: optionalText,
  PATREON_WEBHOOK_SECRET: optionalText,
  PATREON_CLIENT_ID: optionalText,
  PATREON_CLIENT_SECRET: optionalText,
  PATREON_TIERS: z
    .string()
    .default('supporter=300,supporter_plus=500')
    .transform((value, ctx) => parsePatreonTiers(value, ctx)),
  PATREON_GRACE_DAYS: integer(0, 31).default(3),
  PATREON_RESCAN_MINUTES: integer(1, 1440).default(5),

  // The tier of every server the operator has not granted one with `anitrack premium set`. The
  // tiers are domain/tiers.ts's PREMIUM_TIERS, spelled out because config imports nothing of ours.
  DEFAULT_TIER: z.enum(['free', 'supporter', 'supporter_plus'], { error: 'must be one of free, supporter, supporter_plus' }).default('free'),
  FREE_MAX_ANIME: limit.default(8),
  FREE_MAX_MEMBERS: limit.default(80),
  SUPPORTER_MAX_ANIME: limit.default(32),
  SUPPORTER_MAX_MEMBERS: limit.default(500),
  SUPPORTER_PLUS_MAX_ANIME: limit.default(64),
  SUPPORTER_PLUS_MAX_MEMBERS: limit.default(1200),
  CATCH_UP_HOURS: integer(0, 72).default(6),
  DELIVERY_LEASE_SECONDS: integer(5, 3600).default(30),
  // Local addresses the delivery worker sends webhook requests from; Discord's 50 a second is per address.
  OUTBOUND_ADDRESSES: z
    .string()
    .optional()
    .transform((value, ctx) => parseOutboundAddresses(value, ctx)),
  RETENTION_GRACE_DAYS: integer(1, 3650).default(30),
  DELIVERY_HISTORY_DAYS: integer(1, 3650).default(30),
  AUDIT_LOG_DAYS: integer(1, 3650).default(90),
  MAINTENANCE_MESSAGE: optionalText,
  STATUS_PAGE_URL: httpUrl.optional(),

  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(3000),
  PUBLIC_URL: httpUrl.optional(),
  // Both or neither: the main web server then serves HTTPS, TLS 1.3 only (web/tls.ts).
  TLS_CERT_FILE: pemFile('certificate'),
  TLS_KEY_FILE: pemFile('private key'),
  // Behind a reverse proxy the client's address is in X-Forwarded-For; only trust it from the proxy.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => parseTrustProxy(value, ctx)),
  // An analytics script the operator chose; pages load it only after the visitor agrees.
  ANALYTICS_SCRIPT_URL: httpUrl.optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: integer(0, 65535).default(9464),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export const SETTING_NAMES = Object.keys(settingsObject.shape) as (keyof typeof settingsObject.shape)[];

export const settingsSchema = settingsObject
  .superRefine((settings, ctx) => {
    if (settings.DISCORD_BOT_TOKEN && !settings.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when DISCORD_BOT_TOKEN is set' });
    }
    if (settings.DISCORD_CLIENT_SECRET && !settings.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required when DISCORD_CLIENT_SECRET is set' });
    }
    if (settings.DISCORD_BOT_TOKEN && settings.INTERACTIONS_MODE === 'http' && !settings.DISCORD_PUBLIC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_PUBLIC_KEY'], message: 'is required when INTERACTIONS_MODE is http' });
    }
    checkSharding(settings, ctx);
    if (settings.PATREON_CAMPAIGN_ID && !settings.PATREON_CREATOR_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['PATREON_CREATOR_TOKEN'], message: 'is required when PATREON_CAMPAIGN_ID is set (members are read with it)' });
    }
    if (settings.PATREON_CREATOR_TOKEN && !settings.PATREON_CAMPAIGN_ID) {
      ctx.addIssue({ code: 'custom', path: ['PATREON_CAMPAIGN_ID'], message: 'is required when PATREON_CREATOR_TOKEN is set' });
    }
    if (Boolean(settings.PATREON_CLIENT_ID) !== Boolean(settings.PATREON_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [settings.PATREON_CLIENT_ID ? 'PATREON_CLIENT_SECRET' : 'PATREON_CLIENT_ID'],
        message: 'PATREON_CLIENT_ID and PATREON_CLIENT_SECRET go together (both or neither)',
      });
    }
    if (settings.TLS_CERT_FILE && !settings.TLS_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['TLS_KEY_FILE'], message: 'is required when TLS_CERT_FILE is set (both or neither)' });
    }
    if (settings.TLS_KEY_FILE && !settings.TLS_CERT_FILE) {
      ctx.addIssue({ code: 'custom', path: ['TLS_CERT_FILE'], message: 'is required when TLS_KEY_FILE is set (both or neither)' });
    }
    if (settings.TLS_CERT_FILE && settings.TLS_KEY_FILE && !keyMatches(settings.TLS_CERT_FILE.pem, settings.TLS_KEY_FILE.pem)) {
      ctx.addIssue({ code: 'custom', path: ['TLS_KEY_FILE'], message: 'is not the private key of the certificate in TLS_CERT_FILE' });
    }
  })
  .transform((settings) => ({
    ...settings,
    PUBLIC_URL: (settings.PUBLIC_URL ?? `${settings.TLS_CERT_FILE ? 'https' : 'http'}://${settings.HOST}:${settings.PORT}`).replace(/\/+$/, ''),
  }));

export type SettingName = keyof z.input<typeof settingsSchema>;
export type Config = z.output<typeof settingsSchema> & {
  /** The settings the operator gave (environment or `.env`), as opposed to defaults. */
  readonly given: ReadonlySet<SettingName>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`AniTrack cannot start: ${problems.length} setting${problems.length === 1 ? ' is' : 's are'} wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the optional `.env` file; values from the real environment win over it. */
  envFile?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const fromFile = readEnvFile(options.envFile ?? '.env');
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...fromFile, ...env })) {
    // An empty value counts as unset, as it would in most shells' `.env` conventions.
    if (value !== undefined && value.trim() !== '') merged[name] = value.trim();
  }
  const parsed = settingsSchema.safeParse(merged);
  if (parsed.success) return { ...parsed.data, given: new Set(SETTING_NAMES.filter((name) => merged[name] !== undefined)) };
  throw new ConfigError(parsed.error.issues.map((issue) => describeIssue(issue, merged)));
}

function describeIssue(issue: z.core.$ZodIssue, input: Record<string, string>): string {
  const name = String(issue.path[0] ?? 'settings');
  const given = input[name];
  const shown = given === undefined || isSecretName(name) ? '' : ` (got "${given}")`;
  return `${name} ${issue.message}${shown}`;
}

function isSecretName(name: string): boolean {
  // A *_FILE setting is where a secret lives, not the secret: its path helps and is shown.
  if (name.endsWith('_FILE')) return false;
  return /KEY|TOKEN|SECRET|PASSWORD/.test(name) || name === 'DATABASE_URL';
}

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

// Fastify's trustProxy: false, true (trust every hop: only behind a proxy that strips the header),
// a number of hops, or a list of proxy addresses and CIDR ranges.
function parseTrustProxy(value: string, ctx: z.core.$RefinementCtx): boolean | number | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (addresses.length > 0 && addresses.every(isProxyAddress)) return addresses;
  ctx.addIssue({
    code: 'custom',
    message: 'must be false, true, a number of proxy hops, or a comma-separated list of proxy addresses or ranges (10.0.0.0/8, loopback, uniquelocal)',
  });
  return z.NEVER;
}

// The proxy strips /api (and a version) from the paths it receives, so the product always sends
// <origin>/api/v10/…: the setting is the proxy's address, with or without that /api.
function proxyBase(value: string, ctx: z.core.$RefinementCtx): string {
  const url = new URL(value);
  const path = url.pathname.replace(/\/+$/, '');
  if ((path === '' || path === '/api') && !url.search && !url.hash) return `${url.origin}/api`;
  ctx.addIssue({ code: 'custom', message: 'must be the address of `anitrack rest-proxy` with no path (or /api), e.g. http://127.0.0.1:8090' });
  return z.NEVER;
}

// SHARD_IDS: a range "0-3" or a list "0,2,4", read as the list of shard ids it names.
function parseShardIds(value: string, ctx: z.core.$RefinementCtx): number[] {
  const range = /^(\d{1,6})\s*-\s*(\d{1,6})$/.exec(value);
  if (range) {
    const [first, last] = [Number(range[1]), Number(range[2])];
    if (first <= last) return Array.from({ length: last - first + 1 }, (_, index) => first + index);
    ctx.addIssue({ code: 'custom', message: `is a range whose first shard (${first}) comes after its last (${last}); write it as ${last}-${first}` });
    return z.NEVER;
  }
  const parts = value.split(',').map((part) => part.trim());
  if (parts.every((part) => /^\d{1,6}$/.test(part))) {
    const ids = parts.map(Number);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated === undefined) return ids;
    ctx.addIssue({ code: 'custom', message: `names shard ${repeated} twice` });
    return z.NEVER;
  }
  ctx.addIssue({ code: 'custom', message: 'must be a range of shard ids like 0-3 or a comma-separated list like 0,2,4' });
  return z.NEVER;
}

function checkSharding(
  settings: { SHARD_COUNT?: number | undefined; SHARD_IDS?: number[] | undefined; INTERACTIONS_MODE: string },
  ctx: z.core.$RefinementCtx,
): void {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = settings;
  if ((count !== undefined || ids !== undefined) && settings.INTERACTIONS_MODE !== 'gateway') {
    const path = count !== undefined ? 'SHARD_COUNT' : 'SHARD_IDS';
    ctx.addIssue({ code: 'custom', path: [path], message: 'applies only to the gateway: set INTERACTIONS_MODE=gateway, or leave it unset' });
  }
  if (ids === undefined) return;
  if (count === undefined) {
    ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'needs SHARD_COUNT, the number of shards all processes run together' });
    return;
  }
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARD_IDS'],
      message: `names shard${outside.length === 1 ? '' : 's'} ${outside.join(', ')}, but with SHARD_COUNT=${count} the shards are numbered 0 to ${count - 1}`,
    });
  }
}

// PATREON_TIERS: comma-separated rules "tier=cents" (a pledge of at least that much) or
// "tier=tier:<Patreon tier id>". The shape is domain/patron-tier.ts's TierRule.
type PatreonTierRule =
  { tier: 'free' | 'supporter' | 'supporter_plus'; minCents: number } | { tier: 'free' | 'supporter' | 'supporter_plus'; patreonTierId: string };

function parsePatreonTiers(value: string, ctx: z.core.$RefinementCtx): PatreonTierRule[] {
  const rules: PatreonTierRule[] = [];
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    const match = /^(supporter|supporter_plus)=(?:(\d{1,7})|tier:(\d{1,20}))$/.exec(part);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `has "${part}": each rule is supporter=<cents>, supporter_plus=<cents> or <tier>=tier:<Patreon tier id>, e.g. supporter=300,supporter_plus=500`,
      });
      return z.NEVER;
    }
    const tier = match[1] as 'supporter' | 'supporter_plus';
    rules.push(match[2] !== undefined ? { tier, minCents: Number(match[2]) } : { tier, patreonTierId: match[3]! });
  }
  if (rules.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one rule, e.g. supporter=300,supporter_plus=500' });
  return rules;
}

// OUTBOUND_ADDRESSES: comma-separated IPv4 or IPv6 addresses of this machine, each once. Whether
// the machine really has them is seen when the worker binds to them (delivery/outbound-addresses.ts).
function parseOutboundAddresses(value: string | undefined, ctx: z.core.$RefinementCtx): string[] {
  const addresses = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const address of addresses) {
    if (isIP(address) === 0) problems.push(`"${address}" is not an IPv4 or IPv6 address`);
    else if (address === '0.0.0.0' || address === '::') problems.push(`"${address}" means any address, name the machine’s own addresses instead`);
    else if (seen.has(address)) problems.push(`"${address}" is named twice`);
    seen.add(address);
  }
  if (problems.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be this machine’s own addresses to send from, separated by commas (e.g. 203.0.113.10,203.0.113.11): ${problems.join('; ')}`,
    });
    return z.NEVER;
  }
  return addresses;
}

// An address, a CIDR range, or one of the names Fastify's proxy check knows.
function isProxyAddress(part: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(part)) return true;
  const [address = '', prefix, extra] = part.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function isBase64Of32Bytes(value: string): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return false;
  return Buffer.from(value, 'base64').length === 32;
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

function certificateProblem(pem: string): string | undefined {
  const problem = 'must be a PEM certificate (a file starting with -----BEGIN CERTIFICATE-----)';
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return problem;
  try {
    new X509Certificate(pem);
    return undefined;
  } catch {
    return problem;
  }
}

function privateKeyProblem(pem: string): string | undefined {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return 'must be a PEM private key (a file starting with -----BEGIN PRIVATE KEY----- or similar)';
  // PKCS#8 says -----BEGIN ENCRYPTED PRIVATE KEY-----, the older formats a Proc-Type header.
  if (/ENCRYPTED/.test(pem)) return 'is protected by a passphrase, which AniTrack has no way to enter: give it the key without one';
  try {
    createPrivateKey(pem);
    return undefined;
  } catch {
    return 'must be a PEM private key, and this one cannot be read as one';
  }
}

function keyMatches(certificate: string, key: string): boolean {
  try {
    return new X509Certificate(certificate).checkPrivateKey(createPrivateKey(key));
  } catch {
    return false;
  }
}
