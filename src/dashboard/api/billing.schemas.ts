// My billing through the API: the member's Patreon state and the server their premium applies to.
import { z } from 'zod';
import { snowflake } from './schemas.ts';

const iso = z.string().describe('ISO 8601');

export const billingAnswer = z.object({
  available: z.boolean().describe('Whether this AniTrack takes support through Patreon'),
  canLink: z.boolean().describe('Whether "Link Patreon" (GET /patreon/link) is offered'),
  status: z
    .enum(['unknown', 'no_pledge', 'active', 'grace'])
    .describe('unknown: no Patreon account known; no_pledge: known, no tier; active: paying; grace: a payment failed, premium holds until graceEndsAt'),
  tier: z.enum(['free', 'supporter', 'supporter_plus']).nullable(),
  graceEndsAt: iso.nullable(),
  discordConnection: z.boolean().describe('Patreon names this Discord account on a membership'),
  link: z.object({ patreonUserId: z.string(), linkedAt: iso }).nullable().describe('The Patreon account linked from the dashboard'),
  premiumServer: z.object({ guildId: snowflake, name: z.string().nullable(), assignedAt: iso }).nullable(),
  choices: z.array(z.object({ id: snowflake, name: z.string() })).describe('Servers you may manage where AniTrack is: where your premium may go'),
  message: z.string().describe('The state in plain words'),
});

export const assignmentBody = z.strictObject({ guildId: snowflake });

export const assignmentAnswer = z.object({ message: z.string() });
