// /anime add: put an anime on the server's list and schedule its next episodes right away.
import { discordTime } from '../../domain/discord-time.ts';
import { defaultNickname, displayTitle } from '../../domain/titles.ts';
import { ListFullError, NicknameTakenError } from '../../store/errors.ts';
import type { Media } from '../../store/repositories.ts';
import type { Subcommand } from '../command.ts';
import { optionText, readOptions } from '../read-options.ts';
import { UserError } from '../reply.ts';
import { aniListChoices } from './autocomplete.ts';
import { NICKNAME_MAX } from './definition.ts';
import { limitsFor } from './guild-limits.ts';
import { nicknameOption } from './nickname.ts';
import { resolveAnyAnime } from './resolve-anime.ts';

// The original bot's rule: an anime can be followed from 60 days before its first episode.
const EARLIEST_BEFORE_PREMIERE_MS = 60 * 24 * 3_600_000;

export const add: Subcommand = {
  access: 'lockable',
  autocomplete: aniListChoices,
  async run(context) {
    const { services, guildId, userId } = context;
    const options = readOptions(context, { anime: optionText(100), nickname: nicknameOption.optional() });
    const anime = await resolveAnyAnime(options.anime, services);
    const { media, nextAiring } = anime;
    const settings = await services.repositories.guilds.get(guildId);
    const title = displayTitle(media, settings?.titleLanguage);
    const now = services.now();

    if (media.isAdult) throw new UserError('AniTrack does not follow adult titles.');
    if (media.status === 'FINISHED') throw new UserError(`**${title}** has finished airing, so there are no episodes left to announce.`);
    if (media.status === 'CANCELLED') throw new UserError(`**${title}** was cancelled, so there are no episodes to announce.`);
    if (media.status === 'HIATUS') throw new UserError(`**${title}** is on hiatus. Add it again when AniList lists new episodes.`);
    if (media.status === 'NOT_YET_RELEASED' && nextAiring && nextAiring.airingAt - now > EARLIEST_BEFORE_PREMIERE_MS) {
      throw new UserError(`**${title}** premieres ${discordTime(nextAiring.airingAt, 'D')}. Anime can be added from 60 days before their first episode.`);
    }

    const limits = await limitsFor(guildId, services);
    const insert = (nickname: string) =>
      services.repositories.trackedAnime.add({ guildId, mediaId: media.id, nickname, addedBy: userId, now, maxPerGuild: limits.maxAnime });
    const tracked = await (options.nickname ? insert(options.nickname) : addWithOurNickname(media, insert)).catch((error: unknown) => {
      if (error instanceof ListFullError) throw new UserError(`${error.message} Remove an anime first, or unlock a bigger list with AniTrack premium.`);
      throw error;
    });

    // Store what we fetched so the list shows it at once, then let the sync fill the window,
    // unless another server already follows this anime (then the sync already does).
    await services.repositories.media.upsertMany([{ ...media, fetchedAt: now }]);
    if (nextAiring) await services.repositories.airings.upsertMany([nextAiring], now);
    if (await services.repositories.trackedAnime.trackedElsewhere(media.id, guildId)) services.planSoon();
    else void services.syncAnimeSoon(media.id);

    const lines = [`Added **${title}** to this server's list as \`${tracked.nickname}\`.`];
    lines.push(nextAiring ? `Episode ${nextAiring.episode} airs ${discordTime(nextAiring.airingAt)} (${discordTime(nextAiring.airingAt, 'R')}).` : 'AniList has no air date for its next episode yet.');
    if (!settings?.notifyChannelId) lines.push('Notifications need a channel: an admin can pick one with `/anime admin setchannel`.');
    lines.push('Members can use `/anime subscribe` to be pinged for new episodes.');
    return { content: lines.join('\n') };
  },
};

// A nickname we chose may clash with another anime's (two seasons of one show): then the
// season's year (or the id) tells them apart. A nickname the member chose is theirs to change.
async function addWithOurNickname<T>(media: Media, insert: (nickname: string) => Promise<T>): Promise<T> {
  const nickname = defaultNickname(media);
  try {
    return await insert(nickname);
  } catch (error) {
    if (!(error instanceof NicknameTakenError)) throw error;
    const suffix = ` (${media.seasonYear ?? media.id})`;
    return insert(`${nickname.slice(0, NICKNAME_MAX - suffix.length)}${suffix}`);
  }
}
