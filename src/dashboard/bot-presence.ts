// Which servers the bot is in. Our own table knows the servers that used a command or that the
// gateway announced; with HTTP interactions a server that just added the bot is not there yet,
// so the bot's own list from Discord (GET /users/@me/guilds with the bot token, 200 a page) is
// read too, at most every five minutes.
import type { API } from '@discordjs/core/http-only';
import type { GuildsRepository } from '../store/repositories.ts';

const MAX_AGE_MS = 5 * 60_000;

export function createBotPresence(deps: { discord: API; guilds: Pick<GuildsRepository, 'getMany'>; now(): number }) {
  let cached: { at: number; ids: Promise<Set<string>> } | undefined;
  const botGuilds = async (): Promise<Set<string>> => {
    const ids = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await deps.discord.users.getGuilds({ limit: 200, ...(after && { after }) });
      for (const guild of page) ids.add(guild.id);
      if (page.length < 200) return ids;
      after = page.at(-1)!.id;
    }
  };
  return {
    async of(guildIds: readonly string[]): Promise<Set<string>> {
      const known = await deps.guilds.getMany(guildIds);
      const present = new Set(known.filter((guild) => guild.leftAt === null).map((guild) => guild.guildId));
      if (present.size === guildIds.length) return present;
      if (!cached || deps.now() - cached.at > MAX_AGE_MS) {
        const ids = botGuilds();
        cached = { at: deps.now(), ids };
        ids.catch(() => (cached = undefined));
      }
      const fromDiscord = await cached.ids.catch(() => new Set<string>());
      const left = new Set(known.filter((guild) => guild.leftAt !== null).map((guild) => guild.guildId));
      for (const id of guildIds) if (fromDiscord.has(id) && !left.has(id)) present.add(id);
      return present;
    },
  };
}

export type BotPresence = ReturnType<typeof createBotPresence>;
