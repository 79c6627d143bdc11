// The TypeScript type of a handler's options, read from its definition's JSON: each option is
// declared once (in the definition) and the handler's `context.options` follows from it.
// ./option-rules.ts builds the runtime check from the same JSON, by the same table:
//   STRING → string, or the union of its choices' values
//   INTEGER, NUMBER → number, or the union of its choices' values
//   BOOLEAN → boolean
//   CHANNEL, ROLE, USER, MENTIONABLE → the id (a snowflake string)
// An option without `required: true` may be missing.
import type { ApplicationCommandOptionType as Option, Snowflake } from 'discord-api-types/v10';

export type OptionValue<O> = O extends { readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : O extends { readonly type: Option.String }
    ? string
    : O extends { readonly type: Option.Integer | Option.Number }
      ? number
      : O extends { readonly type: Option.Boolean }
        ? boolean
        : O extends { readonly type: Option.Channel | Option.Role | Option.User | Option.Mentionable }
          ? Snowflake
          : never;

type DeclaredOption<D> = D extends { readonly options?: readonly (infer O)[] | undefined } ? O : never;
type NameIf<O, Required extends boolean> = O extends { readonly name: infer N extends string }
  ? O extends { readonly required: true }
    ? Required extends true
      ? N
      : never
    : Required extends true
      ? never
      : N
  : never;
// Shows hovers and errors as one object rather than an intersection.
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** `{ anime: string; nickname?: string }` for a subcommand declaring a required `anime` and an optional `nickname`. */
export type OptionsOf<D> = Flatten<
  { readonly [O in DeclaredOption<D> as NameIf<O, true>]: OptionValue<O> } & { readonly [O in DeclaredOption<D> as NameIf<O, false>]?: OptionValue<O> }
>;
