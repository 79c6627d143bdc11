// Shared set-up for the stand-in's own tests: start and stop it, and read its API as a client would.
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
