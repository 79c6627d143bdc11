// Reading /oauth2/authorize's query in RFC 6749 §4.1.2.1's order: while the client or its
// redirect_uri is in doubt nothing may be sent to that URI, so those problems are shown on the
// stand-in's own page; once the redirect_uri is known to be registered (exact string match),
// every other problem goes back to it as ?error=…&state=….

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** The creator who registered the client; "your campaign" for identity.memberships. */
  ownerUserId: string;
}

export const SCOPES: Readonly<Record<string, string>> = {
  identity: 'See your Patreon name, profile picture and connected accounts',
  'identity[email]': 'See your email address',
  'identity.memberships': 'See the creators you support and your memberships',
  campaigns: 'See your campaigns',
  'campaigns.members': 'See the members of your campaigns',
  'campaigns.members[email]': "See your members' email addresses",
  'campaigns.members.address': "See your members' mailing addresses",
  'campaigns.posts': "See your campaigns' posts",
  'w:campaigns.webhook': "Manage your campaigns' webhooks",
};

/** The parameters carried from the query into the page's forms. */
const PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state'] as const;

export interface AuthorizationRequest {
  params: URLSearchParams;
  redirectUri: string;
  scopes: string[];
  state: string | null;
}

export type AuthorizationVerdict =
  { kind: 'ok'; request: AuthorizationRequest } | { kind: 'page-error'; title: string; message: string } | { kind: 'redirect'; location: string };

export function withQuery(uri: string, values: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(values)) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

export function readAuthorizationRequest(client: OAuthClient, query: URLSearchParams): AuthorizationVerdict {
  const params = new URLSearchParams();
  for (const name of PARAMS) {
    const value = query.get(name);
    if (value !== null) params.set(name, value);
  }
  const clientId = params.get('client_id');
  if (clientId !== client.clientId) {
    return { kind: 'page-error', title: 'Unknown client', message: `No application has the client_id "${clientId ?? ''}".` };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return { kind: 'page-error', title: 'Invalid redirect_uri', message: `"${redirectUri}" is not a redirect URI registered for ${client.name}.` };
  }
  const state = params.get('state');
  const fail = (error: string, description: string): AuthorizationVerdict => ({
    kind: 'redirect',
    location: withQuery(redirectUri, { error, error_description: description, state }),
  });
  if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be "code".');
  const scopes = (params.get('scope') ?? 'identity').split(' ').filter((scope) => scope !== '');
  const unknown = scopes.filter((scope) => !Object.hasOwn(SCOPES, scope));
  if (unknown.length > 0) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
  return { kind: 'ok', request: { params, redirectUri, scopes: [...new Set(scopes)], state } };
}
