// What every route module shares: the application's identity and the fake's stores. Built once
// in ../discord.ts and passed in, so each module can be read (and tested) on its own.
import type { CommandStore } from './commands.ts';
import type { FakeUser, GuildModel } from './guild-model.ts';
import type { InteractionRegistry } from './interaction-registry.ts';
import type { MessageStore } from './messages.ts';
import type { SnowflakeFactory } from './snowflake.ts';
import type { WebhookStore } from './webhooks.ts';

export interface FakeDiscordContext {
  applicationId: string;
  botUser: FakeUser;
  snowflakes: SnowflakeFactory;
  guilds: GuildModel;
  webhooks: WebhookStore;
  messages: MessageStore;
  interactions: InteractionRegistry;
  commands: CommandStore;
  /** How long after an interaction is created its first response is accepted (Discord: 3 s); false = no limit. */
  interactionResponseDeadlineMs: number | false;
  now(): number;
}
