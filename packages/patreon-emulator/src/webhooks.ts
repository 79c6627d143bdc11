// Patreon's webhook deliveries: a POST of the member as a JSON:API document (the member with all
// its attributes, its address, campaign, tiers and user relationships, and the campaign, user and
// tiers in `included`), with X-Patreon-Event naming the trigger and X-Patreon-Signature the
// lowercase hex HMAC-MD5 of the exact body bytes, keyed with the webhook's secret. A receiver must
// check the signature against those bytes before parsing them; resendWebhook replays them as they were.
import { createHmac } from 'node:crypto';
import { Included } from './json-api.ts';
import type { Model } from './model.ts';
import { apiLink, memberResource, type MemberRelation, type View } from './resources.ts';

export const WEBHOOK_TRIGGERS = [
  'members:create',
  'members:update',
  'members:delete',
  'members:pledge:create',
  'members:pledge:update',
  'members:pledge:delete',
] as const;
export type WebhookTrigger = (typeof WEBHOOK_TRIGGERS)[number];

export interface SendWebhookInput {
  /** The receiver, e.g. http://127.0.0.1:3000/webhooks/patreon. */
  url: string;
  trigger: WebhookTrigger;
  memberId: string;
  /** The webhook's secret (Patreon shows it on the webhook's page). */
  secret: string;
  /** 'valid' (default), 'forged' (a well-formed signature made with another key), or the header's exact text. */
  signature?: 'valid' | 'forged' | (string & {});
  /** Send these bytes instead of the member's present state (still signed as `signature` says). */
  rawBody?: string;
}

export interface WebhookDelivery {
  /** The receiver's answer. */
  status: number;
  body: string;
  /** What was sent, byte for byte, and with which headers: resendWebhook(rawBody, headers, url) replays it. */
  rawBody: string;
  headers: Record<string, string>;
}

const ALL_RELATIONS: ReadonlySet<MemberRelation> = new Set(['address', 'campaign', 'currently_entitled_tiers', 'user']);

export const signWebhook = (rawBody: string, secret: string) => createHmac('md5', secret).update(rawBody, 'utf8').digest('hex');

/** The document Patreon would send about the member now (removed members included, for members:delete). */
export function webhookDocument(model: Model, origin: string, memberId: string) {
  const member = model.member(memberId);
  const view: View = { model, origin, fields: 'all', withholdEmail: false };
  const included = new Included();
  const data = memberResource(member, view, ALL_RELATIONS, included);
  return { data, included: included.list(), links: { self: apiLink(view, `/members/${member.id}`) } };
}

export async function resendWebhook(rawBody: string, headers: Record<string, string>, url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { status: response.status, body: await response.text() };
}

export async function sendWebhook(model: Model, origin: string, input: SendWebhookInput): Promise<WebhookDelivery> {
  if (!(WEBHOOK_TRIGGERS as readonly string[]).includes(input.trigger)) throw new Error(`Patreon stand-in: "${input.trigger}" is not a member trigger`);
  const rawBody = input.rawBody ?? JSON.stringify(webhookDocument(model, origin, input.memberId));
  const choice = input.signature ?? 'valid';
  const signature = choice === 'valid' ? signWebhook(rawBody, input.secret) : choice === 'forged' ? signWebhook(rawBody, `not-${input.secret}`) : choice;
  const headers = { 'Content-Type': 'application/json', 'X-Patreon-Event': input.trigger, 'X-Patreon-Signature': signature };
  return { ...(await resendWebhook(rawBody, headers, input.url)), rawBody, headers };
}
