// The settings that point a product process at the local Discord and the local AniList, as an
// operator's settings point it at the real services.
import type { FakeDiscord } from '@anitrack/discord-emulator';

export function standInSettings(options: {
  discord: Pick<FakeDiscord, 'applicationId' | 'botToken' | 'publicKeyHex'>;
  discordApiUrl: string;
  anilistUrl: string;
  mode?: 'http' | 'gateway';
}): Record<string, string> {
  return {
    ANILIST_API_URL: options.anilistUrl,
    ANILIST_REQUESTS_PER_MINUTE: '90',
    DISCORD_API_URL: options.discordApiUrl,
    DISCORD_APPLICATION_ID: options.discord.applicationId,
    DISCORD_PUBLIC_KEY: options.discord.publicKeyHex,
    DISCORD_BOT_TOKEN: options.discord.botToken,
    INTERACTIONS_MODE: options.mode ?? 'http',
  };
}
