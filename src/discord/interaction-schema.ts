// Interactions come from outside (an HTTP body or a gateway event), so the fields AniTrack
// relies on are checked here before any handler sees them. The shapes are Discord's own: a
// body that passes could have come from Discord, anything else could not and is refused
// outright. Whether it names a command we have is the dispatcher's question. Fields AniTrack
// does not read are kept as sent.
import { ApplicationCommandOptionType as Option, type APIInteraction } from 'discord-api-types/v10';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,20}$/);
// Discord's rule for the names of slash commands, subcommands and options.
const optionName = z.string().regex(/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u);
const user = z.looseObject({ id: snowflake, username: z.string() });
const text = z.string().max(6000);
const integer = z
  .number()
  .int()
  .min(-(2 ** 53))
  .max(2 ** 53);

// A value option carries the JS type its option type stands for, and nothing nested below it.
const valueOption = <T extends Option, V extends z.ZodType>(type: T, value: V) =>
  z.looseObject({ name: optionName, type: z.literal(type), value, focused: z.boolean().optional(), options: z.never().optional() });

// While a member types (autocomplete), the option being typed holds the partial text, a
// string even for a number option.
const typedOption = z.looseObject({
  name: optionName,
  type: z.union([z.literal(Option.String), z.literal(Option.Integer), z.literal(Option.Number)]),
  value: text,
  focused: z.literal(true),
  options: z.never().optional(),
});

const valueOptions = z
  .array(
    z.union([
      valueOption(Option.String, text),
      valueOption(Option.Integer, integer),
      valueOption(Option.Boolean, z.boolean()),
      valueOption(Option.User, snowflake),
      valueOption(Option.Channel, snowflake),
      valueOption(Option.Role, snowflake),
      valueOption(Option.Mentionable, snowflake),
      valueOption(Option.Number, z.number().finite()),
      valueOption(Option.Attachment, snowflake),
      typedOption,
    ]),
  )
  .max(25);

// Discord nests at most two levels: a group holds one subcommand, a subcommand holds values.
const subcommand = z.looseObject({ name: optionName, type: z.literal(Option.Subcommand), options: valueOptions.optional() });
const subcommandGroup = z.looseObject({ name: optionName, type: z.literal(Option.SubcommandGroup), options: z.tuple([subcommand]) });
const commandOptions = z.union([z.tuple([subcommandGroup]), z.tuple([subcommand]), valueOptions]);

const resolved = z.looseObject({
  channels: z.record(snowflake, z.looseObject({ id: snowflake, name: z.string().optional(), type: z.number().int() })).optional(),
  roles: z.record(snowflake, z.looseObject({ id: snowflake, name: z.string() })).optional(),
});

const commandData = z.looseObject({
  id: snowflake.optional(),
  name: z.string().min(1).max(32),
  type: z.number().int().optional(),
  options: commandOptions.optional(),
  resolved: resolved.optional(),
});

const customId = z.string().min(1).max(100);

const envelope = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(500),
  version: z.number().int(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  app_permissions: z.string().regex(/^\d+$/).optional(),
  member: z.looseObject({ user, roles: z.array(snowflake), permissions: z.string().regex(/^\d+$/) }).optional(),
  user: user.optional(),
};

export const interactionSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...envelope, type: z.literal(1) }),
  z.looseObject({ ...envelope, type: z.literal(2), data: commandData }),
  z.looseObject({
    ...envelope,
    type: z.literal(3),
    data: z.looseObject({ custom_id: customId, component_type: z.number().int(), values: z.array(z.string().max(100)).max(25).optional() }),
  }),
  z.looseObject({ ...envelope, type: z.literal(4), data: commandData }),
  z.looseObject({ ...envelope, type: z.literal(5), data: z.looseObject({ custom_id: customId, components: z.array(z.unknown()) }) }),
]);

/** A slash command's (or autocomplete's) `data`, as checked. */
export type CommandData = z.infer<typeof commandData>;
export type ReceivedOptions = z.infer<typeof commandOptions>;
export type ReceivedValueOption = z.infer<typeof valueOptions>[number];
export type ReceivedOption = z.infer<typeof subcommandGroup> | z.infer<typeof subcommand> | ReceivedValueOption;

/** @returns the interaction, or undefined when it is not one Discord could have sent. */
export function parseInteraction(value: unknown): APIInteraction | undefined {
  const parsed = interactionSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as APIInteraction) : undefined;
}
