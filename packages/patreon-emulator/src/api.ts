// The stand-in's public surface: how a test starts it and the controls it gets back.
import type { RouteMatcher } from './faults.ts';
import type {
  AddCampaignInput,
  AddMemberInput,
  AddTierInput,
  AddUserInput,
  MemberPatch,
  PatreonCampaign,
  PatreonMember,
  PatreonTier,
  PatreonUser,
} from './records.ts';
import type { RateLimitSettings } from './rate-limits.ts';
import type { RecordedRequest } from './server.ts';
import type { SendWebhookInput, WebhookDelivery, WebhookTrigger } from './webhooks.ts';

export interface PatreonEmulatorOptions {
  /** The stand-in's own campaign (numeric string). Default "9000001". */
  campaignId?: string;
  campaignVanity?: string;
  /** campaign.discord_server_id. Default null. */
  discordServerId?: string | null;
  creatorName?: string;
  /** The registered OAuth client; random when not given. */
  clientId?: string;
  clientSecret?: string;
  /** The client's name on the consent page. Default "AniTrack". */
  clientName?: string;
  /** The creator's access token (for the members endpoint); random when not given. */
  creatorToken?: string;
  /** Registered redirect URIs, compared exactly. */
  redirectUris?: readonly string[];
  rateLimits?: RateLimitSettings;
  /** expires_in of OAuth access tokens. Default 31 days. */
  tokenLifetimeSeconds?: number;
  /** The clock for rate-limit windows, code and token expiry, and dates it writes. Default Date.now. */
  now?: () => number;
}

export interface PatreonEmulator {
  /** The base URL to use in place of https://www.patreon.com (PATREON_API_URL): http://127.0.0.1:<port>. */
  readonly url: string;
  /** url + /oauth2/authorize, where a browser is sent to log in. */
  readonly authorizeUrl: string;
  stop(): Promise<void>;

  readonly campaignId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly creatorToken: string;
  /** The user who owns the campaign and the client. */
  readonly creatorUserId: string;

  addUser(input: AddUserInput): PatreonUser;
  updateUser(id: string, patch: Partial<AddUserInput>): PatreonUser;
  /** Another creator's campaign, so a patron can have memberships the client does not own. */
  addCampaign(input?: AddCampaignInput): PatreonCampaign;
  addTier(input: AddTierInput): PatreonTier;
  addMember(input: AddMemberInput): PatreonMember;
  updateMember(id: string, patch: MemberPatch): PatreonMember;
  removeMember(id: string): void;
  member(id: string): PatreonMember;
  members(campaignId?: string): PatreonMember[];

  addRedirectUri(uri: string): void;
  /** Who the browser is logged in as on the consent page (null: the log-in choice is shown). */
  signInOAuthUser(userId: string | null): void;
  /** Clicking Allow as `userId` on the page for this authorize URL (or its query): the redirect URL with ?code&state. Throws where Patreon shows an error page. */
  approveOAuth(authorizeUrlOrQuery: string | URLSearchParams, userId: string): string;
  /** Access tokens (all, or one user's) expire now; refresh tokens keep working. */
  expireOAuthTokens(userId?: string): void;
  /** The user removes the app: their access and refresh tokens stop working. */
  revokeOAuth(userId: string): void;

  setRateLimits(settings: RateLimitSettings): void;
  /** The next `times` requests matching `route` get `status` (default body: a JSON:API error; 429 also gets Retry-After). */
  failNext(route: RouteMatcher, status: number, body?: unknown, times?: number): void;
  requests(): RecordedRequest[];

  /** The JSON:API document a webhook about this member would carry now. */
  webhookDocument(memberId: string): unknown;
  sendWebhook(input: SendWebhookInput): Promise<WebhookDelivery>;
  resendWebhook(rawBody: string, headers: Record<string, string>, url: string): Promise<{ status: number; body: string }>;
  signWebhook(rawBody: string, secret: string): string;
}

export type { WebhookTrigger };
