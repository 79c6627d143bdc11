// Option values are checked on our side too: Discord's client enforces the definition's limits,
// a forged or outdated request does not. The check is built from the definition's JSON, the
// same JSON ./option-types.ts reads the handler's types from, so a limit is written once.
import { ApplicationCommandOptionType as Option, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ReceivedValues } from './options.ts';
import { UserError } from './reply.ts';

/** A rule Discord cannot express: the reason a value is refused, in a few words, or undefined. */
export type OptionCheck<V> = (value: V) => string | undefined;

const snowflake = z.string().regex(/^\d{1,20}$/);

function valueRule(option: APIApplicationCommandBasicOption): z.ZodType {
  switch (option.type) {
    case Option.String: {
      if (option.choices?.length) return z.enum(option.choices.map((choice) => choice.value));
      // Spaces around typed text are not part of it, and do not count towards its length.
      let text = z.string().trim();
      if (option.min_length !== undefined) text = text.min(option.min_length);
      if (option.max_length !== undefined) text = text.max(option.max_length);
      return text;
    }
    case Option.Integer:
    case Option.Number: {
      if (option.choices?.length) return z.literal(option.choices.map((choice) => choice.value));
      let number = option.type === Option.Integer ? z.number().int() : z.number();
      if (option.min_value !== undefined) number = number.min(option.min_value);
      if (option.max_value !== undefined) number = number.max(option.max_value);
      return number;
    }
    case Option.Boolean:
      return z.boolean();
    case Option.Channel:
    case Option.Role:
    case Option.User:
    case Option.Mentionable:
      return snowflake;
    case Option.Attachment:
      // Nothing uses attachments; failing at startup beats accepting what no handler reads.
      throw new Error(`Option "${option.name}": attachments are not supported`);
  }
}

function withCheck(rule: z.ZodType, check: OptionCheck<never> | undefined): z.ZodType {
  if (!check) return rule;
  return rule.superRefine((value, context) => {
    // Runs after the option's own rule passed, so the value has the type the check was typed with.
    const problem = (check as OptionCheck<unknown>)(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * The check for one handler's options: returns the values as the definition declares them
 * (text trimmed), or throws the refusal a member sees.
 */
export function optionRules(
  declared: readonly APIApplicationCommandBasicOption[],
  checks: Readonly<Record<string, OptionCheck<never> | undefined>> = {},
): (values: ReceivedValues) => Record<string, unknown> {
  const shape = Object.fromEntries(
    declared.map((option) => {
      const rule = withCheck(valueRule(option), checks[option.name]);
      return [option.name, option.required ? rule : rule.optional()];
    }),
  );
  const schema = z.object(shape);
  return (values) => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return parsed.data;
    throw refusal(parsed.error.issues[0], values);
  };
}

function refusal(issue: z.core.$ZodIssue | undefined, values: ReceivedValues): UserError {
  const name = String(issue?.path[0] ?? 'option');
  // Zod does not report the input with an issue: whether the option was given is asked of the values.
  const missing = !Object.hasOwn(values, name);
  return new UserError(`The \`${name}\` option ${missing ? 'is required: please fill it in' : `is not valid: ${describe(issue)}`}.`);
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'check its value';
  if (issue.code === 'too_big') return `use at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'too_small') return `use at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'invalid_value') return `choose one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
