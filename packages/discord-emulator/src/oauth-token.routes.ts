// The token endpoints: POST /oauth2/token (authorization_code and refresh_token grants) and
// POST /oauth2/token/revoke (RFC 7009). Both take application/x-www-form-urlencoded only, as
// Discord's docs warn, and authenticate the client by HTTP Basic or by client_id/client_secret
// in the form (RFC 6749 §2.3.1), never both at once. Errors are RFC 6749 §5.2 bodies; the
// success body is the one Discord documents, and no answer may be cached (§5.1).
import { invalidClient, invalidRequest, OAuthError, unsupportedGrantType } from './oauth-errors.ts';
import type { OAuthContext } from './oauth-context.ts';
import type { IssuedTokens, Refusal } from './oauth-store.ts';
import type { Route, RouteRequest } from './router.ts';

const NO_CACHE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** §3.1: a parameter sent twice is a malformed request. */
function single(form: URLSearchParams, name: string): string | null {
  const values = form.getAll(name);
  if (values.length > 1) throw invalidRequest(`The parameter ${name} was given more than once.`);
  return values[0] ?? null;
}

function required(form: URLSearchParams, name: string): string {
  const value = single(form, name);
  if (value === null || value === '') throw invalidRequest(`Missing required parameter "${name}".`);
  return value;
}

/** Basic credentials are form-encoded before base64 (§2.3.1), so "+" and %XX are decoded too. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function authenticateClient(oauth: OAuthContext, request: RouteRequest, form: URLSearchParams): void {
  const { id, clientSecret } = oauth.app;
  const bodyId = single(form, 'client_id');
  const bodySecret = single(form, 'client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  if (basic !== undefined) {
    if (bodySecret !== null) throw invalidRequest('Authenticate the client one way: HTTP Basic or the form, not both.');
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const basicId = formDecode(decoded.slice(0, Math.max(colon, 0)));
    const basicSecret = formDecode(decoded.slice(colon + 1));
    if (colon < 0 || basicId !== id || basicSecret !== clientSecret || (bodyId !== null && bodyId !== basicId)) throw invalidClient(true);
    return;
  }
  if (bodyId !== id || bodySecret !== clientSecret) throw invalidClient(false);
}

function issued(result: IssuedTokens | Refusal) {
  if ('error' in result) throw new OAuthError(400, result.error, result.description);
  return {
    status: 200,
    headers: NO_CACHE,
    body: {
      access_token: result.accessToken,
      token_type: 'Bearer',
      expires_in: result.expiresIn,
      refresh_token: result.refreshToken,
      scope: result.scopes.join(' '),
    },
  };
}

export function oauthTokenRoutes(oauth: OAuthContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/oauth2/token',
      auth: 'none',
      body: 'form',
      handle(request) {
        const form = request.form;
        if (!form) throw unsupportedGrantType(null);
        const grantType = single(form, 'grant_type');
        if (grantType !== 'authorization_code' && grantType !== 'refresh_token') throw unsupportedGrantType(grantType);
        authenticateClient(oauth, request, form);
        if (grantType === 'authorization_code') {
          return issued(
            oauth.store.redeemCode(required(form, 'code'), {
              clientId: oauth.app.id,
              redirectUri: single(form, 'redirect_uri'),
              codeVerifier: single(form, 'code_verifier'),
            }),
          );
        }
        const scope = single(form, 'scope');
        return issued(oauth.store.refresh(required(form, 'refresh_token'), scope === null ? null : scope.split(' ').filter((name) => name !== '')));
      },
    },
    {
      method: 'POST',
      path: '/oauth2/token/revoke',
      auth: 'none',
      body: 'form',
      handle(request) {
        const form = request.form;
        if (!form) throw invalidRequest('The body must be application/x-www-form-urlencoded.');
        authenticateClient(oauth, request, form);
        // RFC 7009 §2.2: the answer is 200 whether or not the token meant anything; the hint
        // only saves a lookup, and Discord revokes the whole authorization either way.
        oauth.store.revoke(required(form, 'token'));
        return { status: 200, headers: NO_CACHE, body: {} };
      },
    },
  ];
}
