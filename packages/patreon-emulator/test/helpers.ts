// Shared set-up for the stand-in's own tests: start and stop it, and read its API as a client would.
import { expect } from 'vitest';
import { startPatreonEmulator, type PatreonEmulator, type PatreonEmulatorOptions } from '../src/index.ts';

export const REDIRECT = 'http://127.0.0.1:3000/auth/patreon/callback';

export interface JsonApiDocument {
  data: Resource | Resource[];
  included?: Resource[];
  meta?: { pagination: { total: number; cursors: { next: string | null } } };
  links?: { next?: string; self?: string };
}

export interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: unknown; links?: { related: string } }>;
}

export async function startPatreon(options: PatreonEmulatorOptions = {}): Promise<PatreonEmulator> {
  return startPatreonEmulator({ redirectUris: [REDIRECT], clientId: 'test-client-id', clientSecret: 'test-client-secret', ...options });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** GET a path (or a full URL, such as links.next) on the stand-in. */
export async function get(patreon: PatreonEmulator, pathOrUrl: string, token: string | null = patreon.creatorToken) {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${patreon.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: token === null ? {} : bearer(token) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as JsonApiDocument & { errors?: Record<string, unknown>[] } };
}

export const membersPath = (patreon: PatreonEmulator, query: string) => `/api/oauth2/v2/campaigns/${patreon.campaignId}/members?${query}`;

export const oauthParams = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: 'test-client-id',
    redirect_uri: REDIRECT,
    scope: 'identity identity.memberships',
    state: 'st4te',
    ...extra,
  });

export const postForm = (url: string, fields: URLSearchParams) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });

/** POST /api/oauth2/token with the test client's credentials in the form. */
export const requestToken = (patreon: PatreonEmulator, fields: Record<string, string>) =>
  postForm(`${patreon.url}/api/oauth2/token`, new URLSearchParams({ client_id: 'test-client-id', client_secret: 'test-client-secret', ...fields }));

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  token_type: string;
}

export async function exchangeCode(patreon: PatreonEmulator, code: string): Promise<Tokens> {
  const response = await requestToken(patreon, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

/** The code Allow would give `userId` for an authorization request with these parameters. */
export const approvedCode = (patreon: PatreonEmulator, userId: string, extra: Record<string, string> = {}) =>
  new URL(patreon.approveOAuth(`${patreon.authorizeUrl}?${oauthParams(extra)}`, userId)).searchParams.get('code')!;
