// Who may manage which server, asked of Discord for the user (GET /users/@me/guilds) and never
// taken from the browser. The answer is kept per user for at most a minute, so a member who
// loses Manage Server is refused within a minute, while a page full of requests costs Discord
// one call (that route's rate limit is tight). Tokens about to expire are refreshed first.
// Members of a role the server gave dashboard access may manage it too (dashboard-roles.ts).
import { canManageServer } from '../domain/permissions.ts';
import type { DashboardSession } from '../store/repositories.ts';
import type { DashboardRoles } from './dashboard-roles.ts';
import { DiscordTokenRejectedError, type DiscordUserApi, type UserGuild } from './discord-user-api.ts';

/** The user's Discord login is gone (revoked, or the refresh failed): they must log in again. */
export class LoginExpiredError extends Error {
  constructor() {
    super('Your Discord login has expired. Log in again.');
    this.name = 'LoginExpiredError';
  }
}

export interface GuildAccessDependencies {
  userApi: DiscordUserApi;
  /** Gets new tokens with the refresh token and stores them; throws when Discord refuses. */
  refreshTokens(session: DashboardSession): Promise<DashboardSession>;
  now(): number;
  maxAgeMs?: number;
  /** Whether a member holds one of the server's dashboard roles; without it, only managers may. */
  dashboardRoles?: Pick<DashboardRoles, 'grants'>;
}

export function canManage(guild: Pick<UserGuild, 'owner' | 'permissions'>): boolean {
  return guild.owner || canManageServer(guild.permissions);
}

export function createGuildAccess(deps: GuildAccessDependencies) {
  const maxAgeMs = deps.maxAgeMs ?? 60_000;
  const cache = new Map<string, { at: number; guilds: Promise<UserGuild[]> }>();

  const withFreshToken = async (session: DashboardSession) => {
    if (session.tokenExpiresAt > deps.now() + 60_000) return session;
    return deps.refreshTokens(session).catch(() => {
      throw new LoginExpiredError();
    });
  };

  const fetchGuilds = async (session: DashboardSession): Promise<UserGuild[]> => {
    const current = await withFreshToken(session);
    try {
      return await deps.userApi.guilds(current.accessToken);
    } catch (error) {
      if (!(error instanceof DiscordTokenRejectedError)) throw error;
      const refreshed = await deps.refreshTokens(current).catch(() => {
        throw new LoginExpiredError();
      });
      return deps.userApi.guilds(refreshed.accessToken).catch((again: unknown) => {
        throw again instanceof DiscordTokenRejectedError ? new LoginExpiredError() : again;
      });
    }
  };

  return {
    /** The user's servers as Discord sees them, at most a minute old. */
    guildsOf(session: DashboardSession): Promise<UserGuild[]> {
      const cached = cache.get(session.userId);
      if (cached && deps.now() - cached.at < maxAgeMs) return cached.guilds;
      const guilds = fetchGuilds(session);
      cache.set(session.userId, { at: deps.now(), guilds });
      // A failure is not kept: the next request asks again.
      guilds.catch(() => {
        if (cache.get(session.userId)?.guilds === guilds) cache.delete(session.userId);
      });
      return guilds;
    },
    /** Whether the user may manage one of their servers: they own it, have Manage Server there, or hold a dashboard role. */
    async mayManage(session: DashboardSession, guild: UserGuild): Promise<boolean> {
      if (canManage(guild)) return true;
      return (await deps.dashboardRoles?.grants(guild.id, session.userId)) ?? false;
    },
    /** The server, when the user may manage it; undefined otherwise (callers answer 404 either way). */
    async manageable(session: DashboardSession, guildId: string): Promise<UserGuild | undefined> {
      const guild = (await this.guildsOf(session)).find((candidate) => candidate.id === guildId);
      return guild && (await this.mayManage(session, guild)) ? guild : undefined;
    },
    forget(userId: string) {
      cache.delete(userId);
    },
  };
}

export type GuildAccess = ReturnType<typeof createGuildAccess>;
