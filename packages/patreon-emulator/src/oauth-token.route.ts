// POST /api/oauth2/token, form-encoded as Patreon's docs show it: client_id and client_secret in
// the form, grant_type authorization_code (code, redirect_uri) or refresh_token. Failures are
// RFC 6749 bodies: 400 invalid_request / unsupported_grant_type / invalid_grant, 401 invalid_client.
import type { OAuthClient } from './oauth-request.ts';
import type { OAuthStore } from './oauth-store.ts';
import { OAuthError, type Route } from './server.ts';

export const TOKEN_PATH = '/api/oauth2/token';

export function oauthTokenRoute(client: OAuthClient, store: OAuthStore): Route {
  return {
    name: 'token',
    method: 'POST',
    path: new RegExp(`^${TOKEN_PATH}$`),
    auth: 'none',
    handle({ form }) {
      if (!form) throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
      const grantType = form.get('grant_type');
      if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
        throw new OAuthError(400, 'unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported.`);
      }
      if (form.get('client_id') !== client.clientId || form.get('client_secret') !== client.clientSecret) throw new OAuthError(401, 'invalid_client');
      const secret = grantType === 'authorization_code' ? form.get('code') : form.get('refresh_token');
      if (!secret) throw new OAuthError(400, 'invalid_request', `${grantType === 'authorization_code' ? 'code' : 'refresh_token'} is missing.`);
      const outcome =
        grantType === 'authorization_code' ? store.redeemCode(secret, client.clientId, form.get('redirect_uri')) : store.refresh(secret, client.clientId);
      if ('refused' in outcome) throw new OAuthError(400, 'invalid_grant', outcome.refused);
      return { status: 200, json: outcome, headers: { 'Cache-Control': 'no-store' } };
    },
  };
}
