// Option values are checked on our side too: Discord's client enforces the definition's limits,
// a forged or outdated request does not.
import { z } from 'zod';
import type { CommandContext } from './command.ts';
import { UserError } from './reply.ts';

export function readOptions<T extends z.ZodRawShape>(context: CommandContext, shape: T): z.infer<z.ZodObject<T>> {
  const parsed = z.object(shape).safeParse(context.options.values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'option');
  throw new UserError(`The \`${name}\` option ${issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : 'is not valid'}: ${describe(issue)}.`);
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'check its value';
  if (issue.code === 'too_big') return `use at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'too_small') return `use at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
  if (issue.code === 'invalid_value') return `choose one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'please fill it in';
  return issue.message;
}

export const optionText = (max: number) => z.string().trim().min(1).max(max);
