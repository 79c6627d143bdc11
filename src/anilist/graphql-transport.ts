// Sends one GraphQL document to AniList and turns whatever comes back into either parsed data
// or a typed error. Everything that makes a request safe to repeat lives here: pacing, the
// per-request timeout, retries with back-off, and the outage gate.
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import { backoffDelay, type Backoff } from '../domain/backoff.ts';
import { withRetries, type TryOutcome } from '../domain/with-retries.ts';
import type { Clock } from './clock.ts';
import { AniListQueryError, AniListResponseError, AniListUnavailableError } from './errors.ts';
import type { OutageGate } from './outage.ts';
import type { TakeOptions } from './lanes.ts';
import type { Pacer } from './pacer.ts';
import type { GraphQLDocument } from './queries.ts';
import { envelopeSchema, type GraphQLErrorItem } from './schemas.ts';

export interface RetryOptions extends Backoff {
  /** Tries in all, the first included. */
  attempts: number;
}

export interface GraphQLTransportOptions {
  url: string;
  pacer: Pacer;
  clock: Clock;
  outage: OutageGate;
  timeoutMs: number;
  retry: RetryOptions;
  logger?: Logger | undefined;
  /** Source of jitter; tests may pin it. */
  random?: () => number;
}

export interface PostOptions {
  /** The request's lane, server and deadline in the pacer's queue; every retry waits in it again. */
  request: TakeOptions;
  /** For single-object queries, where AniList answers a miss with HTTP 404 "Not Found.". */
  notFound?: () => Error;
}

export interface GraphQLTransport {
  post<T>(document: GraphQLDocument, variables: Record<string, unknown>, data: z.ZodType<T>, options: PostOptions): Promise<T>;
  requestsSent(): number;
}

// A problem worth trying again. Anything else is thrown.
interface Problem {
  problem: string;
  rateLimited: boolean;
  cause?: unknown;
}

const OUTAGE_TEXT = 'temporarily disabled';

export function createGraphQLTransport(options: GraphQLTransportOptions): GraphQLTransport {
  const { clock, pacer, outage, logger, retry } = options;
  const random = options.random ?? Math.random;
  let sent = 0;

  async function attempt<T>(document: GraphQLDocument, body: string, data: z.ZodType<T>, postOptions: PostOptions): Promise<TryOutcome<T, Problem>> {
    // A real-time timer even when the clock is virtual: it bounds a real socket.
    const signal = AbortSignal.timeout(options.timeoutMs);
    const started = clock.now();
    let status: number;
    let text: string;
    sent++;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        signal,
      });
      // Rate-limit headers count even when reading the body fails afterwards.
      pacer.observe(response);
      status = response.status;
      text = await response.text();
    } catch (error) {
      const problem = signal.aborted ? `no answer within ${options.timeoutMs} ms` : `network error: ${describe(error)}`;
      logger?.debug({ operation: document.operationName, problem }, 'AniList request failed');
      return { done: false, problem: { problem, rateLimited: false, cause: error } };
    }
    logger?.debug({ operation: document.operationName, status, ms: clock.now() - started }, 'AniList answered');

    if (status === 429) return { done: false, problem: { problem: 'rate limited (HTTP 429)', rateLimited: true } };
    if (status >= 500) return { done: false, problem: { problem: `HTTP ${status}`, rateLimited: false } };
    if (status === 403 && text.includes(OUTAGE_TEXT)) {
      const wasUp = outage.status().ok;
      const error = outage.trip();
      // The one line above debug: an operator should learn once that AniList is off.
      if (wasUp) logger?.warn({ retryAt: new Date(error.retryAt).toISOString() }, 'AniList API is disabled; backing off');
      throw error;
    }

    const envelope = parseEnvelope(status, text);
    if (status === 404 && postOptions.notFound) throw postOptions.notFound();
    if (status === 400 || status === 422) throw new AniListQueryError(status, messagesOf(envelope.errors));
    if (status !== 200 || envelope.errors?.length) throw new AniListResponseError(status, messagesOf(envelope.errors));
    const parsed = data.safeParse(envelope.data);
    if (!parsed.success) {
      throw new AniListResponseError(status, [`unexpected ${document.operationName} data: ${summarizeIssues(parsed.error)}`]);
    }
    outage.recovered();
    return { done: true, value: parsed.data };
  }

  return {
    async post(document, variables, data, postOptions) {
      const body = JSON.stringify({ query: document.query, variables });
      return withRetries(
        async () => {
          outage.check();
          await pacer.take(postOptions.request);
          // The outage may have been seen by another caller while this one waited its turn.
          outage.check();
          return attempt(document, body, data, postOptions);
        },
        {
          attempts: retry.attempts,
          // After a 429 the pacer already holds every caller until AniList's Retry-After.
          delayMs: (tries, { rateLimited }) => (rateLimited ? 0 : backoffDelay(tries, retry, random)),
          sleep: (ms) => clock.sleep(ms),
          giveUp: (tries, { problem, cause }) => new AniListUnavailableError(tries, problem, { cause }),
        },
      );
    },
    requestsSent: () => sent,
  };
}

function parseEnvelope(status: number, text: string): z.infer<typeof envelopeSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AniListResponseError(status, ['the body is not JSON']);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new AniListResponseError(status, [`not a GraphQL response: ${summarizeIssues(envelope.error)}`]);
  return envelope.data;
}

function messagesOf(errors: readonly GraphQLErrorItem[] | undefined): string[] {
  return (errors ?? []).map((error) => error.message);
}

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
