// /anime add: put an anime on the server's list and schedule its next episodes right away.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { discordTime } from '../../domain/discord-time.ts';
import { displayTitle } from '../../domain/titles.ts';
import { AlreadyTrackedError, ListFullError, NicknameTakenError } from '../../store/errors.ts';
import { defineSubcommand } from '../define-subcommand.ts';
import { UserError } from '../reply.ts';
import { animeOption } from './anime-option.ts';
import { pausedByLimit, pausedCountNote } from './guild-limits.ts';
import { catalogueChoices } from './autocomplete.ts';
import { nicknameCode, nicknameOption, nicknameProblem, nicknameText } from './nickname.ts';
import { resolveAnyAnime } from './resolve-anime.ts';
import { ourNicknames, trackAnime, type Untrackable } from './track-anime.ts';

export const add = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'add',
    description: "Add an anime to this server's list",
    options: [animeOption('Title or AniList id; suggestions appear as you type'), nicknameOption(false)],
  },
  {
    access: 'lockable',
    checks: { nickname: nicknameProblem },
    autocomplete: catalogueChoices,
    async run(context) {
      const { services, guildId, userId, options } = context;
      const anime = await resolveAnyAnime(options.anime, context);
      const { media, nextAiring } = anime;
      const settings = await context.serverSettings.get();
      const title = displayTitle(media, settings?.titleLanguage);
      const now = services.now();

      const limits = services.tiers.limitsFor(settings);
      const nicknames = options.nickname ? [options.nickname] : ourNicknames(media);
      const result = await trackAnime(services.repositories, { guildId, userId, anime, nicknames, maxAnime: limits.maxAnime, now }).catch(
        async (error: unknown) => {
          if (error instanceof ListFullError) {
            const paused = pausedCountNote(await pausedByLimit(services.repositories, guildId));
            throw new UserError(`${error.message}${paused} Remove an anime first, or unlock a bigger list with AniTrack premium.`);
          }
          // The store quotes nicknames as stored; an older one (or one made from a title) may hold Markdown.
          if (error instanceof AlreadyTrackedError) throw new UserError(`That anime is already on this server's list as "${nicknameText(error.nickname)}".`);
          if (error instanceof NicknameTakenError)
            throw new UserError(`The nickname "${nicknameText(error.nickname)}" is already used by another anime on this server's list.`);
          throw error;
        },
      );
      if (result.outcome === 'untrackable') throw new UserError(untrackableMessage(result.problem, title));

      // Let the sync fill the window, unless another server already follows this anime (then the
      // sync already does).
      if (await services.repositories.trackedAnime.trackedElsewhere(media.id, guildId)) services.planSoon(guildId);
      else void services.syncAnimeSoon(media.id);

      const lines = [`Added **${title}** to this server's list as ${nicknameCode(result.tracked.nickname)}.`];
      lines.push(
        nextAiring
          ? `Episode ${nextAiring.episode} airs ${discordTime(nextAiring.airingAt)} (${discordTime(nextAiring.airingAt, 'R')}).`
          : 'AniList has no air date for its next episode yet.',
      );
      if (!settings?.notifyChannelId) lines.push('Notifications need a channel: an admin can pick one with `/anime admin setchannel`.');
      lines.push('Members can use `/anime subscribe` to be pinged for new episodes.');
      const { nickname } = result.tracked;
      return { content: lines.join('\n'), audit: { action: 'anime.add', details: { mediaId: media.id, nickname, title } } };
    },
  },
);

function untrackableMessage(problem: Untrackable, title: string): string {
  switch (problem.reason) {
    case 'adult':
      return 'AniTrack does not follow adult titles.';
    case 'finished':
      return `**${title}** has finished airing, so there are no episodes left to announce.`;
    case 'cancelled':
      return `**${title}** was cancelled, so there are no episodes to announce.`;
    case 'hiatus':
      return `**${title}** is on hiatus. Add it again when AniList lists new episodes.`;
    case 'too_early':
      return `**${title}** premieres ${discordTime(problem.premieresAt, 'D')}. Anime can be added from 60 days before their first episode.`;
  }
}
