// /anime remove and /anime rename: changes to an anime already on the server's list.
import { displayTitle } from '../../domain/titles.ts';
import type { Subcommand } from '../command.ts';
import { optionText, readOptions } from '../read-options.ts';
import { trackedChoices } from './autocomplete.ts';
import { nicknameCode, nicknameOption } from './nickname.ts';
import { resolveTrackedAnime } from './resolve-anime.ts';

export const remove: Subcommand = {
  access: 'lockable',
  autocomplete: trackedChoices,
  async run(context) {
    const { services, guildId } = context;
    const { anime } = readOptions(context, { anime: optionText(100) });
    const { tracked, media } = await resolveTrackedAnime(guildId, anime, services);
    await services.repositories.trackedAnime.remove(guildId, tracked.mediaId);
    // Its notifications stop with it; its subscriptions were removed with the row.
    await services.repositories.deliveries.cancelPendingForGuild(guildId, services.now(), tracked.mediaId);
    const title = media ? ` (${displayTitle(media)})` : '';
    return { content: `Removed ${nicknameCode(tracked.nickname)}${title} from this server's list. Its subscribers will no longer be pinged.` };
  },
};

export const rename: Subcommand = {
  access: 'lockable',
  autocomplete: trackedChoices,
  async run(context) {
    const { services, guildId } = context;
    const options = readOptions(context, { anime: optionText(100), nickname: nicknameOption });
    const { tracked } = await resolveTrackedAnime(guildId, options.anime, services);
    const renamed = await services.repositories.trackedAnime.rename(guildId, tracked.mediaId, options.nickname);
    return { content: `${nicknameCode(tracked.nickname)} is now called ${nicknameCode(renamed.nickname)}.` };
  },
};
