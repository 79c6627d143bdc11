// Nicknames are short handles members choose, and they appear in messages: inside inline code
// in answers, in running text in a few places. A nickname must not be able to mention anyone,
// end its code span, or turn into a masked link, so those characters are refused with a plain
// reason. Nicknames stored before these rules (or made from an AniList title, which may hold
// brackets) are made safe where they are shown.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';

export const NICKNAME_MAX = 32;

export const nicknameOption = <R extends boolean>(required: R) =>
  ({
    type: Option.String,
    name: 'nickname',
    description: 'A short name to refer to it by on this server',
    required,
    min_length: 1,
    max_length: NICKNAME_MAX,
  }) as const;

const RULES: readonly [RegExp, string][] = [
  [/[\n\r]/, 'a nickname must fit on one line'],
  [/[@<>]/, 'a nickname cannot contain @, < or >, which could mention someone'],
  [/`/, 'a nickname cannot contain backticks, which would break how it is shown'],
  [/[[\]]/, 'a nickname cannot contain square brackets [ ], which could turn it into a link'],
];

/** Why a nickname (already trimmed and within its length) is refused, if it is. */
export function nicknameProblem(nickname: string): string | undefined {
  return RULES.find(([pattern]) => pattern.test(nickname))?.[1];
}

const oneLine = (nickname: string) => nickname.replace(/[\r\n]+/g, ' ');

/** The nickname as inline code; a backtick becomes a look-alike that cannot end the span. */
export function nicknameCode(nickname: string): string {
  return `\`${oneLine(nickname).replaceAll('`', 'ˋ')}\``;
}

/** The nickname in running text (outside code): Markdown characters are escaped so they show as typed. */
export function nicknameText(nickname: string): string {
  return oneLine(nickname).replace(/[\\`*_~|[\]()<>#@]/g, '\\$&');
}
