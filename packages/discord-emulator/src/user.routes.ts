// What a user's OAuth2 token reads (resources/user, topics/oauth2): GET /users/@me (scope
// identify; the bot token still reads the bot), GET /users/@me/guilds (scope guilds) and
// GET /oauth2/@me. Everything is read from the guild model at request time, so a role,
// permission or owner change shows in the very next answer. A token lacking the scope a route
// needs gets the same 401 as a bad token: that is what Discord answers (observed; its docs
// only say the scope is required).
import { assertValid, issue, unauthorized, type FormIssue } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import type { FakeGuild } from './guild-model.ts';
import { apiUser } from './guild-shapes.ts';
import type { OAuthContext } from './oauth-context.ts';
import type { LiveAccess } from './oauth-store.ts';
import type { Route, RouteRequest } from './router.ts';

const MAX_GUILDS = 200;

export function userRoutes(context: FakeDiscordContext, oauth: OAuthContext): Route[] {
  const { guilds } = context;
  const ok = (body: unknown) => ({ status: 200, body });

  /** The request's live authorization; the pipeline has already refused a dead token. */
  const access = (request: RouteRequest, scope?: string): LiveAccess => {
    const live = request.bearerToken === null ? undefined : oauth.store.access(request.bearerToken);
    if (!live || (scope && !live.authorization.scopes.includes(scope))) throw unauthorized();
    return live;
  };

  return [
    {
      method: 'GET',
      path: '/users/@me',
      auth: 'bot-or-bearer',
      handle(request) {
        if (request.botAuthorized) return ok({ ...apiUser(context.botUser), mfa_enabled: false, locale: 'en-US', verified: true, email: null });
        const { authorization } = access(request, 'identify');
        const withEmail = authorization.scopes.includes('email');
        // The model's people have no email address; with the email scope Discord then says so with null.
        return ok({
          ...apiUser(guilds.user(authorization.userId)),
          mfa_enabled: false,
          locale: 'en-US',
          premium_type: 0,
          ...(withEmail ? { email: null, verified: false } : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/users/@me/guilds',
      auth: 'bot-or-bearer',
      handle(request) {
        const userId = request.botAuthorized ? context.botUser.id : access(request, 'guilds').authorization.userId;
        const page = guildPage(request.query);
        const member = (guild: FakeGuild) => (request.botAuthorized ? guild.botPresent : guild.members.has(userId));
        let listed = guilds
          .all()
          .filter(member)
          .filter((guild) => (page.after === null || BigInt(guild.id) > page.after) && (page.before === null || BigInt(guild.id) < page.before))
          .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        // Like message history: `before` alone gives the guilds nearest to it, still in id order.
        listed = page.before !== null && page.after === null ? listed.slice(-page.limit) : listed.slice(0, page.limit);
        return ok(
          listed.map((guild) => ({
            id: guild.id,
            name: guild.name,
            icon: null,
            banner: null,
            owner: guild.ownerId === userId,
            // Owner and ADMINISTRATOR read as every permission, as in Discord's own computation.
            permissions: guilds.guildPermissions(guild.id, userId).toString(),
            features: [],
            // No presence is modelled: nobody is online.
            ...(page.withCounts ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 } : {}),
          })),
        );
      },
    },
    {
      method: 'GET',
      path: '/oauth2/@me',
      auth: 'bearer',
      handle(request) {
        const { authorization, expiresAt } = access(request);
        return ok({
          application: {
            id: oauth.app.id,
            name: oauth.app.name,
            icon: null,
            description: '',
            hook: true,
            bot_public: true,
            bot_require_code_grant: false,
            verify_key: oauth.app.verifyKey,
          },
          scopes: [...authorization.scopes],
          expires: discordTimestamp(expiresAt),
          // Only with identify, as the docs say.
          ...(authorization.scopes.includes('identify') ? { user: apiUser(guilds.user(authorization.userId)) } : {}),
        });
      },
    },
  ];
}

interface GuildPage {
  before: bigint | null;
  after: bigint | null;
  limit: number;
  withCounts: boolean;
}

/** The query of GET /users/@me/guilds, or 50035 naming every field that is wrong. */
function guildPage(query: URLSearchParams): GuildPage {
  const issues: FormIssue[] = [];
  const snowflake = (name: string) => {
    const value = query.get(name);
    if (value === null) return null;
    if (/^\d{1,20}$/.test(value)) return BigInt(value);
    issues.push(issue.snowflake([name], value));
    return null;
  };
  const before = snowflake('before');
  const after = snowflake('after');
  let limit = MAX_GUILDS;
  const rawLimit = query.get('limit');
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit)) issues.push(issue.type(['limit'], 'integer'));
    else if (Number(rawLimit) < 1) issues.push(issue.min(['limit'], 1));
    else if (Number(rawLimit) > MAX_GUILDS) issues.push(issue.max(['limit'], MAX_GUILDS));
    else limit = Number(rawLimit);
  }
  // Discord's boolean query strings: True, true or 1; False, false or 0 (API reference, "Boolean Query Strings").
  const rawCounts = query.get('with_counts');
  const withCounts = rawCounts !== null && ['True', 'true', '1'].includes(rawCounts);
  if (rawCounts !== null && !['True', 'true', '1', 'False', 'false', '0'].includes(rawCounts)) issues.push(issue.type(['with_counts'], 'boolean'));
  assertValid(issues);
  return { before, after, limit, withCounts };
}

/** Discord writes timestamps with microseconds and an explicit offset: 2021-01-23T02:33:17.017000+00:00. */
function discordTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}
