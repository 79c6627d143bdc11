// How a command's AniList requests queue (see anilist/lanes.ts): in the command lane, or the
// import lane for list imports, counted against this server's share, and dropped unsent once
// Discord would no longer take the answer they are for.
import type { AniListRequest } from '../anilist/client.ts';
import type { Lane } from '../anilist/lanes.ts';
import type { InvocationContext } from './command.ts';

export function aniListRequestFor(
  context: Pick<InvocationContext, 'guildId' | 'answerBy'>,
  lane: Extract<Lane, 'command' | 'import'> = 'command',
): AniListRequest {
  return { lane, key: context.guildId, deadline: context.answerBy };
}
