// Nicknames are short handles members choose, and they appear in messages: inside inline code
// in answers, in running text in a few places. A nickname must not be able to mention anyone,
// end its code span, or turn into a masked link, so those characters are refused with a plain
// reason. Nicknames stored before these rules (or made from an AniList title, which may hold
// brackets) are made safe where they are shown.
import { z } from 'zod';
import { NICKNAME_MAX } from './definition.ts';

const RULES: readonly [RegExp, string][] = [
  [/[\n\r]/, 'a nickname must fit on one line'],
  [/[@<>]/, 'a nickname cannot contain @, < or >, which could mention someone'],
  [/`/, 'a nickname cannot contain backticks, which would break how it is shown'],
  [/[[\]]/, 'a nickname cannot contain square brackets [ ], which could turn it into a link'],
];

export const nicknameOption = z
  .string()
  .trim()
  .min(1)
  .max(NICKNAME_MAX)
  .superRefine((value, context) => {
    const broken = RULES.find(([pattern]) => pattern.test(value));
    if (broken) context.addIssue({ code: 'custom', message: broken[1] });
  });

const oneLine = (nickname: string) => nickname.replace(/[\r\n]+/g, ' ');

/** The nickname as inline code; a backtick becomes a look-alike that cannot end the span. */
export function nicknameCode(nickname: string): string {
  return `\`${oneLine(nickname).replaceAll('`', 'ˋ')}\``;
}

/** The nickname in running text (outside code): Markdown characters are escaped so they show as typed. */
export function nicknameText(nickname: string): string {
  return oneLine(nickname).replace(/[\\`*_~|[\]()<>#@]/g, '\\$&');
}
