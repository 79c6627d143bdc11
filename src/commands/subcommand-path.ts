// The paths a command definition declares ("add", "admin setchannel"; "" for a command without
// subcommands), read from its JSON: the keys the dispatcher looks handlers up by.
import type { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';

type Children<D> = D extends { readonly options?: readonly (infer O)[] | undefined } ? O : never;
type PathOf<O> = O extends { readonly type: Option.Subcommand; readonly name: infer N extends string }
  ? N
  : O extends { readonly type: Option.SubcommandGroup; readonly name: infer G extends string }
    ? `${G} ${PathOf<Children<O>>}`
    : never;

export type SubcommandPath<D> = [PathOf<Children<D>>] extends [never] ? '' : PathOf<Children<D>>;
