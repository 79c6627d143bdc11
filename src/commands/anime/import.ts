// /anime import is registered with its options now; the import itself (AniList and
// MyAnimeList lists, nothing from MyAnimeList stored) comes with the privacy and import work.
import type { Subcommand } from '../command.ts';
import { ephemeral } from '../reply.ts';

export const importList: Subcommand = {
  access: 'lockable',
  async run() {
    return ephemeral('List import is not available in this version of AniTrack yet. Add anime one by one with `/anime add` meanwhile.');
  },
};
