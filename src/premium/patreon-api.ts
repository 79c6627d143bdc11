// Patreon's API v2, as AniTrack uses it: the campaign's members (with the creator's token), and
// for "Link Patreon" the OAuth2 code exchange and the signed-in user's identity. Every request
// goes to PATREON_API_URL; 429s wait as long as Patreon asks, other passing failures back off.
import { backoffDelay } from '../domain/backoff.ts';
import { withRetries, type TryOutcome } from '../domain/with-retries.ts';
import type { z } from 'zod';
import type { PatreonMemberReport } from '../store/repositories.ts';
import { errorsSchema, identitySchema, memberReport, membersPageSchema, tokenSchema, discordUserIdOf } from './patreon-schemas.ts';

export class PatreonError extends Error {
  override name = 'PatreonError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface PatreonApiOptions {
  apiUrl: string;
  timeoutMs?: number;
  retry?: Partial<{ attempts: number; baseDelayMs: number; maxDelayMs: number }>;
  sleep?: (ms: number) => Promise<void>;
}

export interface PatreonTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

export interface PatreonIdentity {
  patreonUserId: string;
  discordUserId: string | null;
  /** The user's memberships Patreon returned with the identity, each with its campaign (any creator's). */
  members: (PatreonMemberReport & { campaignId: string | null })[];
}

// Patreon allows up to 1,000 members a page; fewer keeps each answer small.
const PAGE_SIZE = 200;
const MAX_PAGES = 500;
const MAX_RETRY_AFTER_MS = 120_000;
const MEMBER_FIELDS = 'patron_status,last_charge_status,last_charge_date,currently_entitled_amount_cents';

interface Problem {
  problem: string;
  status?: number;
  retryAfterMs?: number;
}

export function createPatreonApi(options: PatreonApiOptions) {
  const base = options.apiUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retry = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function attempt(url: string, init: RequestInit): Promise<TryOutcome<unknown, Problem>> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal });
      text = await response.text();
    } catch {
      return { done: false, problem: { problem: signal.aborted ? `no answer within ${timeoutMs} ms` : 'network error' } };
    }
    const { status } = response;
    if (status === 429) return { done: false, problem: { problem: 'rate limited (HTTP 429)', status, ...retryAfter(response.headers, text) } };
    if (status >= 500) return { done: false, problem: { problem: `HTTP ${status}`, status } };
    if (status < 200 || status >= 300) throw new PatreonError(`Patreon answered HTTP ${status}${errorDetail(text)}`, status);
    try {
      return { done: true, value: JSON.parse(text) as unknown };
    } catch {
      throw new PatreonError('Patreon answered with a body that is not JSON', status);
    }
  }

  function request(url: string, init: RequestInit): Promise<unknown> {
    return withRetries(() => attempt(url, init), {
      attempts: retry.attempts,
      delayMs: (tries, problem) => Math.max(backoffDelay(tries, retry), problem.retryAfterMs ?? 0),
      sleep,
      giveUp: (tries, problem) => new PatreonError(`Patreon did not answer after ${tries} tries: ${problem.problem}`, problem.status),
    });
  }

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, Accept: 'application/json' });

  async function tokenRequest(form: Record<string, string>, now: number): Promise<PatreonTokens> {
    const json = await request(`${base}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    const parsed = tokenSchema.safeParse(json);
    if (!parsed.success) throw new PatreonError('Patreon answered the token request with an unexpected body');
    return { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token, expiresAt: now + parsed.data.expires_in * 1000 };
  }

  return {
    /** Every member of the campaign, page by page; the caller learns of each page as it comes. */
    async campaignMembers(campaignId: string, creatorToken: string, signal?: AbortSignal): Promise<PatreonMemberReport[]> {
      const first = new URL(`${base}/api/oauth2/v2/campaigns/${encodeURIComponent(campaignId)}/members`);
      first.searchParams.set('include', 'user,currently_entitled_tiers');
      first.searchParams.set('fields[member]', MEMBER_FIELDS);
      first.searchParams.set('fields[user]', 'social_connections');
      first.searchParams.set('page[count]', String(PAGE_SIZE));
      const members: PatreonMemberReport[] = [];
      let url: string | undefined = first.href;
      const seen = new Set<string>();
      for (let page = 1; url !== undefined; page++) {
        if (signal?.aborted) throw new PatreonError('the rescan was stopped');
        if (page > MAX_PAGES || seen.has(url)) throw new PatreonError(`Patreon kept offering more pages after ${page - 1}`);
        seen.add(url);
        const parsed = membersPageSchema.safeParse(await request(url, { headers: bearer(creatorToken) }));
        if (!parsed.success) throw new PatreonError('Patreon answered the members request with an unexpected body');
        const included = parsed.data.included ?? [];
        for (const member of parsed.data.data) {
          const report = memberReport(member, included);
          if (report) members.push(report);
        }
        url = nextPage(parsed.data, first);
      }
      return members;
    },

    exchangeCode(input: { code: string; redirectUri: string; clientId: string; clientSecret: string }, now: number): Promise<PatreonTokens> {
      const { code, redirectUri, clientId, clientSecret } = input;
      return tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret }, now);
    },

    refresh(input: { refreshToken: string; clientId: string; clientSecret: string }, now: number): Promise<PatreonTokens> {
      return tokenRequest(
        { grant_type: 'refresh_token', refresh_token: input.refreshToken, client_id: input.clientId, client_secret: input.clientSecret },
        now,
      );
    },

    /** Who signed in, the Discord account they connected, and their memberships. */
    async identity(accessToken: string): Promise<PatreonIdentity> {
      const url = new URL(`${base}/api/oauth2/v2/identity`);
      url.searchParams.set('include', 'memberships,memberships.campaign');
      url.searchParams.set('fields[user]', 'social_connections');
      url.searchParams.set('fields[member]', MEMBER_FIELDS);
      const parsed = identitySchema.safeParse(await request(url.href, { headers: bearer(accessToken) }));
      if (!parsed.success) throw new PatreonError('Patreon answered the identity request with an unexpected body');
      const user = { type: 'user', id: parsed.data.data.id, attributes: parsed.data.data.attributes ?? null };
      const included = [...(parsed.data.included ?? []), user];
      const members = included.flatMap((resource) => {
        if (resource.type !== 'member') return [];
        const member = membersPageSchema.shape.data.element.safeParse(resource);
        if (!member.success) return [];
        // A membership names its user only when asked; here it can only be the one signed in.
        const withUser = { ...member.data, relationships: { ...member.data.relationships, user: { data: { id: user.id, type: 'user' } } } };
        const report = memberReport(withUser, included);
        // With identity.memberships Patreon lists memberships of every creator; the caller keeps its own campaign's.
        return report ? [{ ...report, campaignId: member.data.relationships.campaign?.data?.id ?? null }] : [];
      });
      return { patreonUserId: user.id, discordUserId: discordUserIdOf(user), members };
    },
  };
}

export type PatreonApi = ReturnType<typeof createPatreonApi>;

// The cursor is preferred: it keeps every request on PATREON_API_URL. A links.next elsewhere is refused.
function nextPage(page: z.infer<typeof membersPageSchema>, first: URL): string | undefined {
  const cursor = page.meta?.pagination?.cursors?.next;
  if (cursor) {
    const url = new URL(first.href);
    url.searchParams.set('page[cursor]', cursor);
    return url.href;
  }
  const next = page.links?.next;
  if (!next) return undefined;
  const url = new URL(next, first);
  if (url.origin !== first.origin || url.pathname !== first.pathname)
    throw new PatreonError(`Patreon's next page leads to ${url.origin}${url.pathname}; not following it`);
  return url.href;
}

function retryAfter(headers: Headers, text: string): { retryAfterMs?: number } {
  let seconds = Number(headers.get('retry-after') ?? Number.NaN);
  if (!Number.isFinite(seconds)) {
    try {
      const parsed = errorsSchema.safeParse(JSON.parse(text));
      seconds = parsed.success ? (parsed.data.errors.find((error) => error.retry_after_seconds !== undefined)?.retry_after_seconds ?? Number.NaN) : Number.NaN;
    } catch {
      seconds = Number.NaN;
    }
  }
  return Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, seconds * 1000) } : {};
}

function errorDetail(text: string): string {
  try {
    const parsed = errorsSchema.safeParse(JSON.parse(text));
    const first = parsed.success ? parsed.data.errors[0] : undefined;
    return first ? ` (${first.code_name ?? 'error'}${first.detail ? `: ${first.detail}` : ''})` : '';
  } catch {
    return '';
  }
}
