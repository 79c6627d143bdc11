// Interactions come from outside (an HTTP body or a gateway event), so the fields AniTrack
// relies on are checked here before any handler sees them. Everything else is kept as sent.
import type { APIInteraction } from 'discord-api-types/v10';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,20}$/);
const user = z.looseObject({ id: snowflake, username: z.string() });

const option: z.ZodType<unknown> = z.lazy(() =>
  z.looseObject({
    name: z.string().max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);

export const interactionSchema = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int().min(1).max(5),
  token: z.string().min(1).max(500),
  version: z.number().int(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  app_permissions: z.string().regex(/^\d+$/).optional(),
  member: z.looseObject({ user, roles: z.array(snowflake), permissions: z.string().regex(/^\d+$/) }).optional(),
  user: user.optional(),
  data: z
    .looseObject({
      name: z.string().max(32).optional(),
      type: z.number().int().optional(),
      custom_id: z.string().max(100).optional(),
      options: z.array(option).max(25).optional(),
    })
    .optional(),
});

/** @returns the interaction, or undefined when it is not one Discord could have sent. */
export function parseInteraction(value: unknown): APIInteraction | undefined {
  const parsed = interactionSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as APIInteraction) : undefined;
}
