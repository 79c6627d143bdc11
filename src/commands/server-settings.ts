// A server's settings row is wanted by several steps of one interaction (the title language,
// the tier's limits, the broken-channel notice): it is read once, when first wanted, and shared.
import type { GuildSettings, GuildsRepository } from '../store/repositories.ts';

export interface ServerSettings {
  /** The server's row; undefined while nothing was stored for it. */
  get(): Promise<GuildSettings | undefined>;
  /** For a handler that wrote the row: the next `get` reads it again, so later steps see the change. */
  changed(): void;
}

export function serverSettingsOnce(guildId: string, guilds: Pick<GuildsRepository, 'get'>): ServerSettings {
  let loading: Promise<GuildSettings | undefined> | undefined;
  return {
    get: () => (loading ??= guilds.get(guildId)),
    changed: () => {
      loading = undefined;
    },
  };
}
