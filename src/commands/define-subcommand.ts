// A handler defined from its subcommand's JSON: the JSON is what Discord is sent, and both the
// handler's option types (OptionsOf) and the check of received values (optionRules) are read
// from it. The handler only ever sees options that passed.
import type { APIApplicationCommandOptionChoice, APIApplicationCommandSubcommandOption } from 'discord-api-types/v10';
import type { Access, AutocompleteContext, CommandContext, HandledDefinition, Subcommand } from './command.ts';
import { optionRules, type OptionCheck } from './option-rules.ts';
import type { OptionsOf } from './option-types.ts';
import type { Reply } from './reply.ts';

export interface HandlerSpec<O, A extends Access> {
  access: A;
  /** Answer "thinking…" at once and run afterwards, reporting with `context.progress` (imports). */
  longRunning?: boolean;
  /** Its answers are for the member alone (decides how a long-running answer is deferred). */
  ephemeral?: boolean;
  /** Rules beyond what the definition can say (which characters a nickname may hold), by option. */
  checks?: { readonly [K in keyof O]?: OptionCheck<NonNullable<O[K]>> };
  run(context: CommandContext<O>): Promise<Reply>;
  autocomplete?(context: AutocompleteContext): Promise<APIApplicationCommandOptionChoice[]>;
}

/** Used by defineSubcommand, and by definePlainCommand for a command without subcommands. */
export function defineHandler<const D extends HandledDefinition, const A extends Access>(definition: D, spec: HandlerSpec<OptionsOf<D>, A>): Subcommand<D, A> {
  const check = optionRules(definition.options ?? [], spec.checks);
  return {
    definition,
    access: spec.access,
    longRunning: spec.longRunning ?? false,
    ephemeral: spec.ephemeral ?? false,
    withOptions(values) {
      // The one place the checked values meet their type: optionRules builds from the very
      // JSON OptionsOf reads, by the same table (test/commands/define-subcommand.test.ts).
      const options = check(values) as OptionsOf<D>;
      return (context) => spec.run({ ...context, options });
    },
    autocomplete: spec.autocomplete?.bind(spec),
  };
}

/**
 * `defineSubcommand({ type: Subcommand, name: 'rename', description, options: [...] }, { access, run })`:
 * `run` receives `context.options` typed from `options`.
 */
export function defineSubcommand<const D extends APIApplicationCommandSubcommandOption, const A extends Access>(
  definition: D,
  spec: HandlerSpec<OptionsOf<D>, A>,
): Subcommand<D, A> {
  return defineHandler(definition, spec);
}
