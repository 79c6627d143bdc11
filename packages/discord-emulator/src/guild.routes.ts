// Read-only guild, channel, role and member routes (/users/@me is in user.routes.ts). Since
// 2023 Discord answers 10004 Unknown Guild both for a guild that does not exist and for one the
// bot is not in (discord-api-docs#5840), so the fake does the same; a channel of such a guild,
// or one the bot cannot see, answers 50001 Missing Access.
import { missingAccess, unknownChannel, unknownGuild, unknownMember, unknownRole } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import type { FakeChannel, FakeGuild } from './guild-model.ts';
import { apiChannel, apiGuild, apiMember, apiRole } from './guild-shapes.ts';
import { Permission } from './permissions.ts';
import type { Route } from './router.ts';

export function guildRoutes(context: FakeDiscordContext): Route[] {
  const { guilds } = context;
  const ok = (body: unknown) => ({ status: 200, body });

  const visibleGuild = (guildId: string): FakeGuild => {
    const guild = guilds.get(guildId);
    if (!guild?.botPresent) throw unknownGuild();
    return guild;
  };

  return [
    { method: 'GET', path: '/guilds/:guildId', auth: 'bot', handle: (request) => ok(apiGuild(visibleGuild(request.param('guildId')))) },
    {
      method: 'GET',
      path: '/guilds/:guildId/channels',
      auth: 'bot',
      handle: (request) => ok(visibleGuild(request.param('guildId')).channels.map((channel) => apiChannel(channel))),
    },
    { method: 'GET', path: '/guilds/:guildId/roles', auth: 'bot', handle: (request) => ok(visibleGuild(request.param('guildId')).roles.map(apiRole)) },
    {
      method: 'GET',
      path: '/guilds/:guildId/roles/:roleId',
      auth: 'bot',
      handle(request) {
        const role = visibleGuild(request.param('guildId')).roles.find((candidate) => candidate.id === request.param('roleId'));
        if (!role) throw unknownRole();
        return ok(apiRole(role));
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/members/:userId',
      auth: 'bot',
      handle(request) {
        const member = visibleGuild(request.param('guildId')).members.get(request.param('userId'));
        if (!member) throw unknownMember();
        return ok(apiMember(member, guilds));
      },
    },
    {
      method: 'GET',
      path: '/channels/:channelId',
      auth: 'bot',
      handle: (request) => ok(apiChannel(visibleChannel(context, request.param('channelId')).channel)),
    },
  ];
}

/** A channel the bot may look at: it exists, the bot is in its guild and has VIEW_CHANNEL. */
export function visibleChannel(context: FakeDiscordContext, channelId: string): { guild: FakeGuild; channel: FakeChannel } {
  const found = context.guilds.channel(channelId);
  if (!found) throw unknownChannel();
  if (!found.guild.botPresent) throw missingAccess();
  if (!(context.guilds.permissionsIn(channelId, context.botUser.id) & Permission.VIEW_CHANNEL)) throw missingAccess();
  return found;
}
