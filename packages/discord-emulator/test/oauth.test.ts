// The OAuth2 stand-in over real HTTP, as a dashboard's "Login with Discord" meets it: the
// consent page a browser gets, the redirect with ?code&state, the token endpoints (form bodies
// only, client authentication, PKCE, rotation, revocation), and what the token then reads:
// /users/@me, /users/@me/guilds (owner and permissions straight from the guild model) and
// /oauth2/@me. Every assertion is on what a client sees: status, headers and body.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../src/permissions.ts';
import { Permission } from '../src/index.ts';
import { addAnimeServer, GUILD_ID, MEMBER_ID, MOD_ROLE_ID, OWNER_ID, startDiscord, type Started } from './helpers.ts';

const REDIRECT = 'http://127.0.0.1:3000/auth/discord/callback';
const SECRET = 'test-client-secret-0123456789abcdef';

let fake: Started;
let site: string;

beforeEach(async () => {
  fake = await startDiscord({ clientSecret: SECRET, oauthRedirectUris: [REDIRECT] });
  site = new URL(fake.authorizeUrl).origin;
  addAnimeServer(fake.discord);
});
afterEach(() => fake.close());

interface Pkce {
  verifier: string;
  challenge: string;
}
const newPkce = (): Pkce => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const authorizeParams = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: fake.discord.applicationId,
    scope: 'identify guilds',
    redirect_uri: REDIRECT,
    state: 'st4te-xyz',
    prompt: 'consent',
    ...extra,
  });

const getAuthorize = (params: URLSearchParams) => fetch(`${fake.authorizeUrl}?${params}`, { redirect: 'manual' });
const postAuthorize = (fields: URLSearchParams) =>
  fetch(fake.authorizeUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });

/** Signs the browser in as `userId` and clicks Authorize on the consent screen; returns the redirect. */
async function authorizeInBrowser(userId: string, extra: Record<string, string> = {}): Promise<URL> {
  fake.discord.signInOAuthUser(userId);
  const params = authorizeParams(extra);
  expect((await getAuthorize(params)).status).toBe(200);
  const response = await postAuthorize(new URLSearchParams([...params, ['decision', 'authorize']]));
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** POST to the token endpoint with HTTP Basic client authentication unless `auth` says otherwise. */
function tokenRequest(fields: Record<string, string>, options: { auth?: 'basic' | 'body' | 'none'; path?: string } = {}) {
  const auth = options.auth ?? 'basic';
  const body = new URLSearchParams(fields);
  if (auth === 'body') {
    body.set('client_id', fake.discord.applicationId);
    body.set('client_secret', SECRET);
  }
  return fetch(`${site}${options.path ?? '/api/v10/oauth2/token'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth === 'basic' ? { authorization: basic(fake.discord.applicationId, SECRET) } : {}),
    },
    body: body.toString(),
  });
}

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** The whole flow for one user: consent, code, exchange with PKCE. */
async function login(userId: string, scope = 'identify guilds'): Promise<TokenBody> {
  const pkce = newPkce();
  const code = (await authorizeInBrowser(userId, { scope, code_challenge: pkce.challenge, code_challenge_method: 'S256' })).searchParams.get('code') ?? '';
  const response = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce.verifier });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

const bearerGet = (path: string, token: string) => fetch(`${fake.apiUrl}/v10${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('authorization code flow with PKCE', () => {
  it('goes from the consent page to a code, a token, and the user behind it', async () => {
    const pkce = newPkce();
    const redirect = await authorizeInBrowser(MEMBER_ID, { code_challenge: pkce.challenge, code_challenge_method: 'S256' });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st4te-xyz');
    const code = redirect.searchParams.get('code');
    expect(code).toMatch(/^[A-Za-z0-9]{30}$/);

    const response = await tokenRequest({ grant_type: 'authorization_code', code: code!, redirect_uri: REDIRECT, code_verifier: pkce.verifier });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = (await response.json()) as TokenBody;
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      token_type: 'Bearer',
      expires_in: 604800,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      scope: 'identify guilds',
    });

    const me = await bearerGet('/users/@me', tokens.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: MEMBER_ID, username: 'mina', discriminator: '0', global_name: null, avatar: null });

    const info = await bearerGet('/oauth2/@me', tokens.access_token);
    const body = (await info.json()) as { expires: string };
    expect(body).toMatchObject({
      application: { id: fake.discord.applicationId, name: 'AniTrack', verify_key: fake.discord.publicKeyHex },
      scopes: ['identify', 'guilds'],
      user: { id: MEMBER_ID },
    });
    expect(body.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(Date.parse(body.expires) - Date.now()).toBeGreaterThan(604_790_000);

    const routes = fake.discord.requests().map((request) => `${request.route} ${request.status}`);
    expect(routes).toEqual(['GET /oauth2/authorize 200', 'POST /oauth2/authorize 302', 'POST /oauth2/token 200', 'GET /users/@me 200', 'GET /oauth2/@me 200']);
    expect(fake.discord.oauthAuthorizations()).toMatchObject([{ userId: MEMBER_ID, scopes: ['identify', 'guilds'], status: 'active', refreshes: 0 }]);
  });

  it('refuses a wrong, a missing, and an unasked-for code_verifier with invalid_grant', async () => {
    const pkce = newPkce();
    const code = (await authorizeInBrowser(MEMBER_ID, { code_challenge: pkce.challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const wrong = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: newPkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid "code_verifier" in request.' });
    const missing = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid "code_verifier" in request.' });

    const plainCode = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    const unasked = await tokenRequest({ grant_type: 'authorization_code', code: plainCode, redirect_uri: REDIRECT, code_verifier: pkce.verifier });
    expect(await unasked.json()).toMatchObject({ error: 'invalid_grant' });
    const noPkce = await tokenRequest({ grant_type: 'authorization_code', code: plainCode, redirect_uri: REDIRECT });
    expect(noPkce.status).toBe(200);
  });

  it('refuses a replayed code and revokes the tokens the first exchange gave', async () => {
    const code = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    const exchange = () => tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const first = (await (await exchange()).json()) as TokenBody;
    expect((await bearerGet('/users/@me', first.access_token)).status).toBe(200);

    const replay = await exchange();
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
    const after = await bearerGet('/users/@me', first.access_token);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    expect(fake.discord.oauthAuthorizations()).toMatchObject([{ status: 'revoked', revokedBecause: 'code replayed' }]);
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    const code = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    const response = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:3000/elsewhere' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' });
  });

  it('answers the unversioned /api/oauth2/token as well', async () => {
    const code = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    const response = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { path: '/api/oauth2/token' });
    expect(response.status).toBe(200);
    expect(fake.discord.requests().at(-1)).toMatchObject({ path: '/oauth2/token', route: 'POST /oauth2/token', body: { grant_type: 'authorization_code' } });
  });
});

describe('token endpoint requests', () => {
  it('refuses a JSON body as Discord does: 400 unsupported_grant_type', async () => {
    const response = await fetch(`${fake.apiUrl}/v10/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(fake.discord.applicationId, SECRET) },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'Grant type None is not supported' });
    const other = await tokenRequest({ grant_type: 'password' });
    expect(await other.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'Grant type password is not supported' });
  });

  it('authenticates the client by HTTP Basic or by the form, and answers 401 invalid_client otherwise', async () => {
    const viaBasic = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    expect((await tokenRequest({ grant_type: 'authorization_code', code: viaBasic, redirect_uri: REDIRECT }, { auth: 'basic' })).status).toBe(200);
    const viaBody = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    expect((await tokenRequest({ grant_type: 'authorization_code', code: viaBody, redirect_uri: REDIRECT }, { auth: 'body' })).status).toBe(200);

    const code = (await authorizeInBrowser(MEMBER_ID)).searchParams.get('code')!;
    const post = (headers: Record<string, string>, fields: Record<string, string>) =>
      fetch(`${fake.apiUrl}/v10/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...fields }).toString(),
      });
    const badBasic = await post({ authorization: basic(fake.discord.applicationId, 'wrong') }, {});
    expect(badBasic.status).toBe(401);
    expect(badBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await badBasic.json()).toEqual({ error: 'invalid_client' });
    const badBody = await post({}, { client_id: fake.discord.applicationId, client_secret: 'wrong' });
    expect([badBody.status, await badBody.json()]).toEqual([401, { error: 'invalid_client' }]);
    const none = await post({}, {});
    expect([none.status, await none.json()]).toEqual([401, { error: 'invalid_client' }]);
    const both = await post({ authorization: basic(fake.discord.applicationId, SECRET) }, { client_secret: SECRET });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: 'invalid_request' });
    // None of those used the code up.
    expect((await post({ authorization: basic(fake.discord.applicationId, SECRET) }, {})).status).toBe(200);
  });
});

describe('refresh and revocation', () => {
  it('rotates both tokens on refresh: the old refresh token stops working, the new pair works', async () => {
    const first = await login(MEMBER_ID);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as TokenBody;
    expect(second).toMatchObject({ token_type: 'Bearer', expires_in: 604800, scope: 'identify guilds' });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const stale = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid "refresh_token" in request.' });
    expect((await bearerGet('/users/@me', second.access_token)).status).toBe(200);
    expect(fake.discord.oauthAuthorizations()).toMatchObject([{ status: 'active', refreshes: 1 }]);
  });

  it('expires access tokens on request, so only a refresh gets the user back', async () => {
    const tokens = await login(MEMBER_ID);
    fake.discord.expireOAuthTokens(MEMBER_ID);
    const expired = await bearerGet('/users/@me', tokens.access_token);
    expect([expired.status, await expired.json()]).toEqual([401, { message: '401: Unauthorized', code: 0 }]);
    const refreshed = (await (await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, { auth: 'body' })).json()) as TokenBody;
    expect((await bearerGet('/users/@me', refreshed.access_token)).status).toBe(200);
  });

  it('revokes the whole authorization from either token, and answers 200 {} even for unknown tokens', async () => {
    const tokens = await login(MEMBER_ID);
    const revoke = (token: string) =>
      fetch(`${fake.apiUrl}/oauth2/token/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(fake.discord.applicationId, SECRET) },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      });
    const response = await revoke(tokens.access_token);
    expect([response.status, await response.json()]).toEqual([200, {}]);
    expect((await bearerGet('/users/@me', tokens.access_token)).status).toBe(401);
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    expect(fake.discord.oauthAuthorizations()).toMatchObject([{ status: 'revoked', revokedBecause: 'revoked' }]);

    const unknown = await revoke('not-a-token-at-all');
    expect([unknown.status, await unknown.json()]).toEqual([200, {}]);
    const unauthenticated = await fetch(`${fake.apiUrl}/v10/oauth2/token/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
    });
    expect([unauthenticated.status, await unauthenticated.json()]).toEqual([401, { error: 'invalid_client' }]);
  });
});

describe('GET /users/@me/guilds', () => {
  const SECOND_GUILD = '120000000000000002';
  const THIRD_GUILD = '120000000000000003';
  const listGuilds = async (token: string, query = '') => {
    const response = await bearerGet(`/users/@me/guilds${query}`, token);
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string; owner: boolean; permissions: string; approximate_member_count?: number }[];
  };

  it("lists the user's guilds with owner and permissions from the guild model, and follows changes at once", async () => {
    fake.discord.setRateLimits({ userGuilds: false });
    fake.discord.addGuild({ id: SECOND_GUILD, ownerId: MEMBER_ID, name: 'Mina’s place' });
    fake.discord.addGuild({ id: THIRD_GUILD, ownerId: OWNER_ID, name: 'Not for mina' });
    const { access_token: token } = await login(MEMBER_ID);

    const everyone = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES;
    expect(await listGuilds(token)).toEqual([
      { id: GUILD_ID, name: 'Anime Club', icon: null, banner: null, owner: false, permissions: (everyone | Permission.MANAGE_GUILD).toString(), features: [] },
      { id: SECOND_GUILD, name: 'Mina’s place', icon: null, banner: null, owner: true, permissions: ALL_PERMISSIONS.toString(), features: [] },
    ]);

    fake.discord.setRolePermissions(GUILD_ID, MOD_ROLE_ID, '0');
    expect((await listGuilds(token))[0]?.permissions).toBe(everyone.toString());
    fake.discord.setRolePermissions(GUILD_ID, MOD_ROLE_ID, Permission.ADMINISTRATOR.toString());
    expect((await listGuilds(token))[0]?.permissions).toBe(ALL_PERMISSIONS.toString());
    fake.discord.setMemberRoles(GUILD_ID, MEMBER_ID, []);
    expect((await listGuilds(token))[0]?.permissions).toBe(everyone.toString());
    fake.discord.transferOwnership(GUILD_ID, MEMBER_ID);
    expect((await listGuilds(token))[0]).toMatchObject({ owner: true, permissions: ALL_PERMISSIONS.toString() });
  });

  it('pages with before, after and limit in id order, and adds counts when asked', async () => {
    fake.discord.setRateLimits({ userGuilds: false });
    fake.discord.addGuild({ id: SECOND_GUILD, ownerId: MEMBER_ID });
    fake.discord.addGuild({ id: THIRD_GUILD, ownerId: MEMBER_ID });
    const { access_token: token } = await login(MEMBER_ID);
    const ids = async (query: string) => (await listGuilds(token, query)).map((guild) => guild.id);
    expect(await ids('?limit=2')).toEqual([GUILD_ID, SECOND_GUILD]);
    expect(await ids(`?after=${GUILD_ID}`)).toEqual([SECOND_GUILD, THIRD_GUILD]);
    expect(await ids(`?before=${THIRD_GUILD}&limit=1`)).toEqual([SECOND_GUILD]);
    const [first] = await listGuilds(token, '?with_counts=true');
    // Owner, the member and the bot.
    expect(first).toMatchObject({ approximate_member_count: 3, approximate_presence_count: 0 });
    expect((await listGuilds(token))[0]).not.toHaveProperty('approximate_member_count');
  });

  it('refuses a limit outside 1–200 and a malformed before with 50035 Invalid Form Body', async () => {
    fake.discord.setRateLimits({ userGuilds: false });
    const { access_token: token } = await login(MEMBER_ID);
    const refused = async (query: string) => {
      const response = await bearerGet(`/users/@me/guilds${query}`, token);
      expect(response.status).toBe(400);
      return response.json();
    };
    expect(await refused('?limit=0')).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MIN', message: 'int value should be greater than or equal to 1.' }] } },
    });
    expect(await refused('?limit=201')).toMatchObject({ code: 50035, errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } } });
    expect(await refused('?limit=ten')).toMatchObject({ code: 50035, errors: { limit: { _errors: [{ code: 'INTEGER_TYPE_COERCE' }] } } });
    expect(await refused('?before=yesterday')).toMatchObject({ code: 50035, errors: { before: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] } } });
    expect((await bearerGet('/users/@me/guilds?limit=200', token)).status).toBe(200);
  });

  it('rate limits per token with Discord headers and a 429 body; another user is not affected', async () => {
    const mina = await login(MEMBER_ID);
    const owner = await login(OWNER_ID);
    const first = await bearerGet('/users/@me/guilds', mina.access_token);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);

    const limited = await bearerGet('/users/@me/guilds', mina.access_token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('1');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
    expect(Number(limited.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: false, retry_after: expect.any(Number) });
    expect((await bearerGet('/users/@me/guilds', owner.access_token)).status).toBe(200);
    expect(fake.discord.counts().tooManyRequests).toBe(1);

    fake.discord.setRateLimits({ userGuilds: { limit: 3, windowMs: 1000 } });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await bearerGet('/users/@me/guilds', mina.access_token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('answers 401 to a token without the guilds scope, and to no token at all', async () => {
    const { access_token: token } = await login(MEMBER_ID, 'identify');
    const response = await bearerGet('/users/@me/guilds', token);
    expect([response.status, await response.json()]).toEqual([401, { message: '401: Unauthorized', code: 0 }]);
    const anonymous = await fetch(`${fake.apiUrl}/v10/users/@me/guilds`);
    expect(anonymous.status).toBe(401);
    const guildsOnly = await login(MEMBER_ID, 'guilds');
    expect((await bearerGet('/users/@me', guildsOnly.access_token)).status).toBe(401);
    expect(await (await bearerGet('/oauth2/@me', guildsOnly.access_token)).json()).not.toHaveProperty('user');
  });
});

describe('the consent page', () => {
  it('shows the application, the scopes and the signed-in user, escaped, with Authorize and Cancel buttons', async () => {
    fake.discord.addUser({ id: '110000000000000077', username: 'tricky', globalName: '<img src=x> & "Mina"' });
    fake.discord.signInOAuthUser('110000000000000077');
    const response = await getAuthorize(authorizeParams({ state: '"><script>alert(1)</script>' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('AniTrack wants to access your Discord account');
    expect(html).toContain('&#60;img src=x&#62; &#38; &#34;Mina&#34;');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(html).toContain('<li data-scope="identify">');
    expect(html).toContain('<li data-scope="guilds">');
    expect(html).toMatch(/<form method="post" action="\/oauth2\/authorize">/);
    expect(html).toContain('<button type="submit" name="decision" value="authorize">Authorize</button>');
    expect(html).toContain('<button type="submit" name="decision" value="cancel">Cancel</button>');
    expect(html).not.toMatch(/<script/i);
  });

  it('lets someone continue as a known user when nobody is signed in', async () => {
    const params = authorizeParams();
    const chooser = await (await getAuthorize(params)).text();
    expect(chooser).toContain('Continue as mina');
    expect(chooser).toContain(`name="user_id" value="${MEMBER_ID}"`);
    expect(chooser).toContain(`name="user_id" value="${OWNER_ID}"`);
    // The bot is a member too, but nobody signs in as a bot.
    expect(chooser).not.toContain(`name="user_id" value="${fake.discord.botUserId}"`);

    const signIn = await postAuthorize(new URLSearchParams([...params, ['decision', 'sign_in'], ['user_id', MEMBER_ID]]));
    expect(signIn.status).toBe(303);
    const location = signIn.headers.get('location') ?? '';
    expect(location.startsWith('/oauth2/authorize?')).toBe(true);
    const consent = await (await fetch(`${site}${location}`)).text();
    expect(consent).toContain('Signed in as <strong>mina</strong>');
  });

  it('sends Cancel back as access_denied with the state', async () => {
    const params = authorizeParams();
    fake.discord.signInOAuthUser(MEMBER_ID);
    const response = await postAuthorize(new URLSearchParams([...params, ['decision', 'cancel']]));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st4te-xyz');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('shows its own 400 page for an unknown client or an unregistered redirect_uri, and never redirects there', async () => {
    const unknownClient = await getAuthorize(authorizeParams({ client_id: '999' }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();
    const unregistered = await getAuthorize(authorizeParams({ redirect_uri: 'https://evil.example/steal' }));
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('location')).toBeNull();
    expect(await unregistered.text()).toContain('Invalid redirect_uri');

    fake.discord.addOAuthRedirectUri('https://evil.example/steal');
    expect((await getAuthorize(authorizeParams({ redirect_uri: 'https://evil.example/steal' }))).status).toBe(200);
  });

  it('sends refusals it can report to the redirect_uri: plain PKCE, unknown scopes', async () => {
    const errorOf = async (extra: Record<string, string>) => {
      const response = await getAuthorize(authorizeParams(extra));
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      return [location.searchParams.get('error'), location.searchParams.get('state')];
    };
    expect(await errorOf({ code_challenge: newPkce().verifier, code_challenge_method: 'plain' })).toEqual(['invalid_request', 'st4te-xyz']);
    expect(await errorOf({ code_challenge: newPkce().challenge })).toEqual(['invalid_request', 'st4te-xyz']);
    expect(await errorOf({ scope: 'identify everything' })).toEqual(['invalid_scope', 'st4te-xyz']);
  });

  it('skips the screen with prompt=none once the user has granted those scopes', async () => {
    fake.discord.signInOAuthUser(MEMBER_ID);
    expect((await getAuthorize(authorizeParams({ prompt: 'none' }))).status).toBe(200);
    await login(MEMBER_ID);
    const again = await getAuthorize(authorizeParams({ prompt: 'none', scope: 'identify' }));
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).toMatch(/^[A-Za-z0-9]{30}$/);
  });
});

describe('approveOAuth', () => {
  it('does what clicking Authorize does, from a query or the whole authorize URL', async () => {
    const location = new URL(fake.discord.approveOAuth(`${fake.authorizeUrl}?${authorizeParams()}`, OWNER_ID));
    expect(location.searchParams.get('state')).toBe('st4te-xyz');
    const response = await tokenRequest({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT });
    const tokens = (await response.json()) as TokenBody;
    expect(await (await bearerGet('/users/@me', tokens.access_token)).json()).toMatchObject({ id: OWNER_ID });

    expect(new URL(fake.discord.approveOAuth(authorizeParams({ scope: 'nope' }), OWNER_ID)).searchParams.get('error')).toBe('invalid_scope');
    expect(() => fake.discord.approveOAuth(authorizeParams({ redirect_uri: 'https://evil.example/' }), OWNER_ID)).toThrow(/redirect_uri/);
    expect(() => fake.discord.approveOAuth(authorizeParams(), '110000000000000099')).toThrow(/no user/);
  });
});
