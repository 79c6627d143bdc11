// A delivery's status and recorded reason in plain words, for the delivery log. The worker
// records Discord's answers as "HTTP 400 (50035): Invalid Form Body" (classify-discord-response.ts)
// and its own decisions as short sentences; the log shows both so a server manager can act.
import type { Delivery } from '../store/repositories.ts';

const STATUS_TEXT: Record<Delivery['status'], string> = {
  pending: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

// What Discord's JSON error codes mean for a server manager.
const DISCORD_CODES: Record<number, string> = {
  10003: 'the channel no longer exists',
  10015: 'someone deleted the webhook or its channel',
  50001: 'AniTrack cannot see the channel',
  50013: 'AniTrack is missing a permission in the channel',
  50027: 'the webhook’s token is no longer valid',
  50035: 'Discord found the message malformed',
  40005: 'the message was too large for Discord',
};

/** A pending delivery that already failed once is being retried: "Retrying", not "Scheduled". */
export function statusText(delivery: Pick<Delivery, 'status' | 'attempts' | 'lastError'>): string {
  if (delivery.status === 'pending' && delivery.attempts > 0 && delivery.lastError) return 'Retrying';
  return STATUS_TEXT[delivery.status];
}

export function deliveryReason(delivery: Pick<Delivery, 'status' | 'lastError'>): string | null {
  const recorded = delivery.lastError;
  switch (delivery.status) {
    case 'sent':
    case 'sending':
      return null;
    case 'pending':
      if (!recorded) return null;
      if (recorded === 'the episode moved') return 'The episode moved; it goes out at the new time.';
      return `Will try again: ${explainRecorded(recorded)}`;
    case 'cancelled':
      return recorded ? capitalised(explainRecorded(recorded)) : 'Cancelled before it was due.';
    case 'failed':
    case 'skipped':
      return recorded ? capitalised(explainRecorded(recorded)) : null;
  }
}

/** Plain words for one recorded reason. */
export function explainRecorded(recorded: string): string {
  const gone = /^webhook gone: (.*)$/.exec(recorded);
  if (gone) return `the webhook is gone: ${discordAnswer(gone[1]!)}. Setting the channel again brings this notification back.`;
  const network = /^network error: (.*)$/.exec(recorded);
  if (network) return `Discord could not be reached (${network[1]}).`;
  if (/^HTTP \d{3}/.test(recorded)) return `${discordAnswer(recorded)}.`;
  return `${recorded.replace(/\.$/, '')}.`;
}

/** "HTTP 400 (50035): Invalid Form Body (gave up after 5 attempts)" → words, keeping what Discord said. */
function discordAnswer(recorded: string): string {
  const match = /^HTTP (\d{3})(?: \((\d+)\))?(?:: (.*?))?( \(gave up after (\d+) attempts\))?$/.exec(recorded);
  if (!match) return recorded;
  const status = Number(match[1]);
  const code = match[2] === undefined ? undefined : Number(match[2]);
  const said = match[3];
  const meaning = (code !== undefined && DISCORD_CODES[code]) || statusMeaning(status);
  const quoted = said
    ? `Discord said “${said}”, HTTP ${status}${code === undefined ? '' : `, code ${code}`}`
    : `HTTP ${status}${code === undefined ? '' : `, code ${code}`}`;
  const gaveUp = match[5] ? `; gave up after ${match[5]} attempts` : '';
  return `${meaning} (${quoted})${gaveUp}`;
}

function statusMeaning(status: number): string {
  if (status === 429) return 'Discord asked AniTrack to slow down';
  if (status >= 500) return 'Discord had a problem on its side';
  if (status === 401 || status === 403) return 'Discord refused access';
  if (status === 404) return 'Discord did not find the webhook';
  return 'Discord refused the message';
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
