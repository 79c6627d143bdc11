// The local Discord for the fan-out benchmark, in a process of its own so that its CPU and
// memory are not counted as the product's. Driven over IPC by remote-discord.ts.
import { createFakeDiscord } from '@anitrack/discord-emulator';

export type DiscordRequest = { type: 'seed'; servers: number } | { type: 'summary' } | { type: 'close' };
export interface SeededServer {
  guildId: string;
  channelId: string;
  webhook: { id: string; token: string };
}

const discord = createFakeDiscord({ rateLimits: { perWebhook: { limit: 5, windowMs: 2000 }, global: { limit: 50, windowMs: 1000 } } });
const { apiUrl } = await discord.start();
process.send!({ type: 'ready', apiUrl });

process.on('message', (request: DiscordRequest) => {
  if (request.type === 'seed') {
    const servers: SeededServer[] = [];
    for (let index = 0; index < request.servers; index++) {
      const { guildId, channelIds } = discord.addGuild({ ownerId: '930000000000000001', channels: [{ name: 'anime' }] });
      const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
      servers.push({ guildId, channelId: channelIds[0]!, webhook: { id: webhook!.id, token: webhook!.token! } });
    }
    process.send!({ type: 'seeded', servers });
  } else if (request.type === 'summary') {
    process.send!({ type: 'summary', messages: discord.allMessages().length, tooManyRequests: discord.counts().tooManyRequests, cpu: process.cpuUsage() });
  } else {
    void discord.close().then(() => process.exit(0));
  }
});
