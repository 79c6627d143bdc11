// A command assembled from its children: the definition Discord is sent lists the children's
// JSON in order, and the dispatcher's path → handler map is made from the same children, so a
// subcommand cannot be registered without its handler or handled without being registered.
// Children are given keyed by name; a key that differs from its child's `name` is a type error,
// and the object's keys make a name given twice impossible.
import {
  ApplicationCommandOptionType as Option,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Access, CommandModule, Subcommand } from './command.ts';
import { defineHandler, type HandlerSpec } from './define-subcommand.ts';
import type { OptionsOf } from './option-types.ts';

export interface SubcommandGroup<D extends APIApplicationCommandSubcommandGroupOption = APIApplicationCommandSubcommandGroupOption> {
  readonly definition: D;
  /** Keyed by subcommand name. */
  readonly subcommands: ReadonlyMap<string, Subcommand>;
}

type KeyedByName<M> = { readonly [K in keyof M]: { readonly definition: { readonly name: K } } };
type ChildDefinitions<M extends Record<string, { readonly definition: unknown }>> = M[keyof M]['definition'][];

type CommandBase = Omit<RESTPostAPIChatInputApplicationCommandsJSONBody, 'options'>;
type Child = Subcommand<APIApplicationCommandSubcommandOption> | SubcommandGroup;

// Object.values forgets which value came from which key: these are M's children, in M's order.
const definitionsOf = <M extends Record<string, Child>>(children: readonly Child[]) => children.map((child) => child.definition) as ChildDefinitions<M>;

const isGroup = (child: Child): child is SubcommandGroup => child.definition.type === Option.SubcommandGroup;

/** `defineSubcommandGroup({ name: 'admin', description }, { setchannel, removechannel })` */
export function defineSubcommandGroup<
  const G extends Omit<APIApplicationCommandSubcommandGroupOption, 'type' | 'options'>,
  const M extends Record<string, Subcommand<APIApplicationCommandSubcommandOption>>,
>(group: G, subcommands: M & KeyedByName<M>): SubcommandGroup<G & { type: Option.SubcommandGroup; options: ChildDefinitions<M> }> {
  const children: Subcommand<APIApplicationCommandSubcommandOption>[] = Object.values(subcommands);
  return {
    definition: { ...group, type: Option.SubcommandGroup, options: definitionsOf<M>(children) },
    subcommands: new Map(children.map((child) => [child.definition.name, child])),
  };
}

/** `defineCommand({ name: 'anime', description, … }, { add, remove, …, admin })`, in the order Discord shows them. */
export function defineCommand<const B extends CommandBase, const M extends Record<string, Child>>(
  base: B,
  children: M & KeyedByName<M>,
): CommandModule<B & { options: ChildDefinitions<M> }> {
  const list: Child[] = Object.values(children);
  const paths = list.flatMap((child): [string, Subcommand][] =>
    isGroup(child) ? [...child.subcommands].map(([name, subcommand]) => [`${child.definition.name} ${name}`, subcommand]) : [[child.definition.name, child]],
  );
  return {
    definition: { ...base, options: definitionsOf<M>(list) },
    subcommands: new Map(paths),
  };
}

/** A command without subcommands (`/help`, `/debug`): its own options, one handler, path "". */
export function definePlainCommand<const D extends CommandBase & { options?: APIApplicationCommandBasicOption[] }, const A extends Access>(
  definition: D,
  spec: HandlerSpec<OptionsOf<D>, A>,
): CommandModule<D> {
  return { definition, subcommands: new Map([['', defineHandler(definition, spec)]]) };
}
