// Reading an authorization request (the query of /oauth2/authorize) the way RFC 6749 §4.1.2.1
// orders it: while the client or its redirect_uri is in doubt, nothing may be sent to that URI,
// so those problems are shown on Discord's own page; once the redirect_uri is known to be
// registered, every other problem goes back to it as ?error=…&state=…. PKCE follows RFC 7636:
// only S256 is accepted, because `plain` protects nothing a stolen code does not already reveal.

export interface OAuthApplication {
  id: string;
  name: string;
  clientSecret: string;
  /** Exact strings; Discord compares a redirect_uri with the registered ones character for character. */
  redirectUris: string[];
  /** The application's public key, which /oauth2/@me reports as verify_key. */
  verifyKey: string;
}

/** The parameters the consent page carries from the query into its form. */
export const AUTHORIZATION_PARAMS = [
  'response_type',
  'client_id',
  'scope',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'prompt',
] as const;

export interface AuthorizationRequest {
  /** Only the parameters above, as received: what the page's hidden fields and redirects carry on. */
  params: URLSearchParams;
  clientId: string;
  redirectUri: string | null;
  effectiveRedirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  prompt: 'consent' | 'none';
}

export type AuthorizationVerdict =
  | { kind: 'ok'; request: AuthorizationRequest }
  /** Shown on Discord's page with status 400; the client hears nothing. */
  | { kind: 'page-error'; title: string; message: string }
  /** An error the client is told about at its redirect_uri. */
  | { kind: 'redirect'; location: string };

/** Documented scopes a login can ask for. */
const SCOPES = new Set([
  'activities.read',
  'activities.write',
  'applications.builds.read',
  'applications.builds.upload',
  'applications.commands.permissions.update',
  'applications.entitlements',
  'applications.store.update',
  'connections',
  'dm_channels.read',
  'email',
  'gdm.join',
  'guilds',
  'guilds.join',
  'guilds.members.read',
  'identify',
  'messages.read',
  'relationships.read',
  'role_connections.write',
  'rpc',
  'rpc.activities.write',
  'rpc.notifications.read',
  'rpc.voice.read',
  'rpc.voice.write',
  'voice',
]);
/** Install flows, where Discord has the user pick a server or channel: the stand-in has no such page. */
const INSTALL_SCOPES = new Set(['bot', 'webhook.incoming', 'applications.commands']);

export function readAuthorizationRequest(app: OAuthApplication, query: URLSearchParams): AuthorizationVerdict {
  const params = new URLSearchParams();
  for (const name of AUTHORIZATION_PARAMS) for (const value of query.getAll(name)) params.append(name, value);
  const repeated = AUTHORIZATION_PARAMS.filter((name) => params.getAll(name).length > 1);
  const one = (name: (typeof AUTHORIZATION_PARAMS)[number]) => params.get(name);

  const clientId = one('client_id');
  if (clientId === null || clientId !== app.id || repeated.includes('client_id')) {
    return { kind: 'page-error', title: 'Unknown application', message: `No application has the client_id "${clientId ?? ''}".` };
  }
  const redirectUri = one('redirect_uri');
  const effectiveRedirectUri = redirectUri ?? app.redirectUris[0];
  if (effectiveRedirectUri === undefined || !app.redirectUris.includes(effectiveRedirectUri) || repeated.includes('redirect_uri')) {
    return {
      kind: 'page-error',
      title: 'Invalid redirect_uri',
      message: `"${redirectUri ?? ''}" is not a redirect URI registered for ${app.name}, so you will not be sent there.`,
    };
  }

  const state = one('state');
  const fail = (error: string, description: string): AuthorizationVerdict => ({
    kind: 'redirect',
    location: withQuery(effectiveRedirectUri, { error, error_description: description, state }),
  });
  if (repeated.length > 0) return fail('invalid_request', `The parameter ${repeated[0]} was given more than once.`);
  const responseType = one('response_type');
  if (responseType === null) return fail('invalid_request', 'response_type is required.');
  if (responseType !== 'code') return fail('unsupported_response_type', `Only response_type=code is supported here, not "${responseType}".`);

  const scopes = [...new Set((one('scope') ?? '').split(' ').filter((scope) => scope !== ''))];
  const install = scopes.find((scope) => INSTALL_SCOPES.has(scope));
  if (install) {
    return { kind: 'page-error', title: 'Not available here', message: `This local Discord does not model the "${install}" install flow, only logins.` };
  }
  if (scopes.length === 0) return fail('invalid_scope', 'At least one scope is required.');
  const unknown = scopes.find((scope) => !SCOPES.has(scope));
  if (unknown) return fail('invalid_scope', `"${unknown}" is not a valid scope.`);

  const codeChallenge = one('code_challenge');
  const method = one('code_challenge_method');
  if (codeChallenge === null && method !== null) return fail('invalid_request', 'code_challenge_method was given without a code_challenge.');
  if (codeChallenge !== null) {
    // §4.3: a missing method means "plain", which is refused like an explicit one.
    if (method !== 'S256') return fail('invalid_request', 'Transform algorithm not supported: use code_challenge_method=S256.');
    if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier.');
  }

  return {
    kind: 'ok',
    request: {
      params,
      clientId,
      redirectUri,
      effectiveRedirectUri,
      scopes,
      state,
      codeChallenge,
      prompt: one('prompt') === 'none' ? 'none' : 'consent',
    },
  };
}

/** The redirect URI with the answer added to whatever query it already has (§4.1.2: it must be kept). */
export function withQuery(uri: string, fields: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(fields)) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

export function approvedLocation(request: AuthorizationRequest, code: string): string {
  return withQuery(request.effectiveRedirectUri, { code, state: request.state });
}

export function deniedLocation(request: AuthorizationRequest): string {
  return withQuery(request.effectiveRedirectUri, {
    error: 'access_denied',
    error_description: 'The resource owner or authorization server denied the request',
    state: request.state,
  });
}

/** What a redirect URI must be to be registered: absolute, and without a fragment (RFC 6749 §3.1.2). */
export function assertRegistrableRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`fake Discord: redirect URI ${JSON.stringify(uri)} is not an absolute URL`);
  }
  if (url.hash !== '' || uri.includes('#')) throw new Error(`fake Discord: redirect URI ${JSON.stringify(uri)} must not have a fragment`);
}
