// Starts the local AniList and a client pointed at it, paced fast enough that functional tests
// do not wait, with short timeouts and back-offs.
import { createAniListClient, type AniListClient, type AniListClientOptions, type AniListRequest } from '../../src/anilist/client.ts';
import { createPacer, type PacerOptions } from '../../src/anilist/pacer.ts';
import { createFakeAniList, type FakeAniList, type RateLimitSettings } from '@anitrack/anilist-emulator';

export interface AniListHarness {
  fake: FakeAniList;
  client: AniListClient;
  url: string;
  /** Requests the fake received for one operation. */
  sent(operationName: string): number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  rateLimit?: RateLimitSettings;
  pacer?: Partial<PacerOptions>;
  client?: Partial<Omit<AniListClientOptions, 'url' | 'pacer'>>;
}

export async function startAniList(options: HarnessOptions = {}): Promise<AniListHarness> {
  const fake = createFakeAniList(options.rateLimit ? { rateLimit: options.rateLimit } : {});
  const url = await fake.start();
  const pacer = createPacer({ requestsPerMinute: 6000, ...options.pacer });
  const client = createAniListClient({
    url,
    pacer,
    timeoutMs: 2000,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...options.client,
  });
  return {
    fake,
    client,
    url,
    sent: (operationName) => fake.requests.filter((request) => request.operationName === operationName).length,
    close: () => fake.close(),
  };
}

/** How tests that are not about lanes queue their lookups: as a member's command would. */
export const AS_COMMAND: AniListRequest = { lane: 'command' };
