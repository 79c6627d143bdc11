// Discord's side of an HTTP interaction: POST the signed JSON to the app's endpoint, wait up to
// 3 seconds, and treat a 200 with a body as the app's inline response (recorded like a
// callback). A 202/204 means the app answers through the callback URL instead.
import { ApiError } from './api-errors.ts';
import type { SignatureHeaders } from './interaction-signing.ts';

export interface DeliveryOptions {
  /** 'invalid' sends a signature over a different body, as Discord's periodic checks do. */
  signature?: 'valid' | 'invalid' | 'missing';
  /** Discord's deadline for the first response. */
  timeoutMs?: number;
}

export interface DeliveryResult {
  /** null when the endpoint did not answer in time. */
  status: number | null;
  /** The parsed JSON response, or its text when not JSON. */
  body: unknown;
  /** True when the response counted as the interaction's answer. */
  recordedInline: boolean;
  /** Why Discord would have shown "This interaction failed" for an inline answer (e.g. 50035 details). */
  rejected?: { status: number; body: unknown };
}

export async function deliverInteraction(
  endpoint: string,
  interaction: { id: string },
  sign: (body: string) => SignatureHeaders,
  recordInline: (interactionId: string, body: unknown) => void,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(interaction);
  const signature = options.signature ?? 'valid';
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    ...(signature === 'missing' ? {} : signature === 'valid' ? sign(body) : sign(`${body} `)),
  };
  let response: Response;
  try {
    response = await fetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { status: null, body: undefined, recordedInline: false };
    throw error;
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // Not JSON: kept as text for the test to look at.
  }
  if (response.status !== 200 || typeof parsed !== 'object' || parsed === null) return { status: response.status, body: parsed, recordedInline: false };
  try {
    recordInline(interaction.id, parsed);
    return { status: response.status, body: parsed, recordedInline: true };
  } catch (error) {
    if (error instanceof ApiError)
      return { status: response.status, body: parsed, recordedInline: false, rejected: { status: error.status, body: error.body } };
    throw error;
  }
}
