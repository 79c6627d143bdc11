// Patreon's OAuth2 as a dashboard's "Link Patreon" meets it: the consent page (plain forms a
// browser can post), the redirect with ?code&state or ?error=access_denied, the form-encoded token
// endpoint with single-use codes and refresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatreonEmulator, PatreonUser } from '../src/index.ts';
import { approvedCode, exchangeCode, get, oauthParams, postForm, REDIRECT, requestToken, startPatreon, type Tokens } from './helpers.ts';

let patreon: PatreonEmulator;
let aiko: PatreonUser;
beforeEach(async () => {
  patreon = await startPatreon();
  aiko = patreon.addUser({ fullName: 'Aiko Tanaka', discordUserId: '296385262794178570' });
});
afterEach(() => patreon.stop());

const authorizeParams = (extra: Record<string, string> = {}) => oauthParams(extra);
const tokenRequest = (fields: Record<string, string>) => requestToken(patreon, fields);
const exchange = (code: string) => exchangeCode(patreon, code);
const codeFor = (userId: string, extra: Record<string, string> = {}) => approvedCode(patreon, userId, extra);

describe('the consent page in a browser', () => {
  it('logs in as a stand-in user, then Allow redirects with a code and the state', async () => {
    const params = authorizeParams();
    const signIn = await (await fetch(`${patreon.authorizeUrl}?${params}`)).text();
    expect(signIn).toContain('Log in as Aiko Tanaka');
    expect(signIn).toContain(`name="user_id" value="${aiko.id}"`);
    expect(signIn).not.toMatch(/<script/i);

    const loggedIn = await postForm(patreon.authorizeUrl, new URLSearchParams([...params, ['decision', 'sign_in'], ['user_id', aiko.id]]));
    expect(loggedIn.status).toBe(303);
    const consent = await (await fetch(`${patreon.url}${loggedIn.headers.get('location')}`)).text();
    expect(consent).toContain('AniTrack would like to access your Patreon account');
    expect(consent).toContain('Logged in as <strong>Aiko Tanaka</strong>');
    expect(consent).toContain('<li data-scope="identity.memberships">');
    expect(consent).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    expect(consent).toContain('<button type="submit" name="decision" value="deny">Deny</button>');

    const allowed = await postForm(patreon.authorizeUrl, new URLSearchParams([...params, ['decision', 'allow']]));
    expect(allowed.status).toBe(302);
    const location = new URL(allowed.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st4te');
    const tokens = await exchange(location.searchParams.get('code')!);
    expect(tokens).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 2_678_400,
      scope: 'identity identity.memberships',
      token_type: 'Bearer',
    });
    expect((await get(patreon, '/api/oauth2/v2/identity', tokens.access_token)).body.data).toMatchObject({ type: 'user', id: aiko.id });
  });

  it('sends Deny back as error=access_denied with the state and no code', async () => {
    patreon.signInOAuthUser(aiko.id);
    const denied = await postForm(patreon.authorizeUrl, new URLSearchParams([...authorizeParams(), ['decision', 'deny']]));
    const location = new URL(denied.headers.get('location')!);
    expect([location.searchParams.get('error'), location.searchParams.get('state'), location.searchParams.has('code')]).toEqual([
      'access_denied',
      'st4te',
      false,
    ]);
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect_uri', async () => {
    for (const extra of [{ client_id: 'someone-else' }, { redirect_uri: 'https://evil.example/steal' }]) {
      const response = await fetch(`${patreon.authorizeUrl}?${authorizeParams(extra)}`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
    expect(() => patreon.approveOAuth(authorizeParams({ redirect_uri: 'https://evil.example/steal' }), aiko.id)).toThrow(/redirect_uri/);
    patreon.addRedirectUri('https://evil.example/steal');
    expect(codeFor(aiko.id, { redirect_uri: 'https://evil.example/steal' })).toEqual(expect.any(String));
    const badScope = new URL(patreon.approveOAuth(authorizeParams({ scope: 'identity everything' }), aiko.id));
    expect(badScope.searchParams.get('error')).toBe('invalid_scope');
  });
});

describe('the token endpoint', () => {
  it('takes a code once only', async () => {
    const code = codeFor(aiko.id);
    await exchange(code);
    const replay = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client with 401 invalid_client and a wrong code or redirect_uri with 400 invalid_grant', async () => {
    const code = codeFor(aiko.id);
    const wrongSecret = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_secret: 'nope' });
    expect([wrongSecret.status, await wrongSecret.json()]).toEqual([401, { error: 'invalid_client' }]);
    const wrongCode = await tokenRequest({ grant_type: 'authorization_code', code: 'made-up', redirect_uri: REDIRECT });
    expect([wrongCode.status, await wrongCode.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_grant' })]);
    const wrongRedirect = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:3000/other' });
    expect(wrongRedirect.status).toBe(400);
    const json = await fetch(`${patreon.url}/api/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([json.status, await json.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_request' })]);
    // None of those used the code up.
    await exchange(code);
    expect(patreon.requests().at(-1)?.form).toMatchObject({ code: '[redacted]', client_secret: '[redacted]', client_id: 'test-client-id' });
  });

  it('refreshes into a new pair; the old refresh token stops working; an expired access token gets 401', async () => {
    const first = await exchange(codeFor(aiko.id));
    patreon.expireOAuthTokens(aiko.id);
    expect((await get(patreon, '/api/oauth2/v2/identity', first.access_token)).status).toBe(401);

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Tokens;
    expect(second).toMatchObject({ token_type: 'Bearer', scope: 'identity identity.memberships' });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await get(patreon, '/api/oauth2/v2/identity', second.access_token)).status).toBe(200);

    const stale = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect([stale.status, ((await stale.json()) as { error: string }).error]).toEqual([400, 'invalid_grant']);
    patreon.revokeOAuth(aiko.id);
    expect((await get(patreon, '/api/oauth2/v2/identity', second.access_token)).status).toBe(401);
    const afterRevoke = await tokenRequest({ grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(afterRevoke.status).toBe(400);
  });
});
