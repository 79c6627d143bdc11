// A server's configuration: the notification channel (with the channels the bot can post in),
// settings, role locks and dashboard roles, the server's roles for the pickers, and the week's
// schedule. Changes go through the `/anime admin` subcommands (server-config.ts).
import type { DashboardSession } from '../../store/repositories.ts';
import { readSchedule } from '../schedule-view.ts';
import { changeSettings, editLock, readLocks, removeNotifyChannel, setNotifyChannel } from '../server-config.ts';
import { notifyChannelChoices, serverRoles } from '../server-from-discord.ts';
import { defineRoute, NOT_FOUND } from './api-route.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { guildParams } from './schemas.ts';
import {
  channelAnswer,
  channelsAnswer,
  lockBody,
  lockChangeAnswer,
  locksAnswer,
  rolesAnswer,
  scheduleAnswer,
  scheduleQuery,
  setChannelBody,
  settingsAnswer,
  settingsBody,
} from './server-config.schemas.ts';

export function serverConfigRoutes(services: DashboardServices) {
  const { commands } = services;
  const managed = async (session: DashboardSession, guildId: string) => {
    const guild = await services.access.manageable(session, guildId);
    if (!guild) throw NOT_FOUND();
    return { session, guild };
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/channels',
      summary: "The server's text and announcement channels, and the permissions the bot lacks in each",
      params: guildParams,
      answer: channelsAnswer,
      status: 200,
      async handle({ session, params }) {
        const { guild } = await managed(session, params.id);
        const channels = await notifyChannelChoices(commands.discord, guild.id);
        const current = await commands.repositories.guilds.get(guild.id);
        return { channelId: current?.notifyChannelId ?? null, channels: channels.map((channel) => ({ ...channel, usable: channel.missing.length === 0 })) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/guilds/:id/channel',
      summary: 'Posts notifications in a channel (creates our webhook there), by the rules of /anime admin setchannel',
      params: guildParams,
      body: setChannelBody,
      answer: channelAnswer,
      status: 200,
      async handle({ session, params, body }) {
        return setNotifyChannel(commands, await managed(session, params.id), body.channelId);
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/guilds/:id/channel',
      summary: 'Stops notifications and deletes our webhook, as /anime admin removechannel does',
      params: guildParams,
      answer: channelAnswer,
      status: 200,
      async handle({ session, params }) {
        return removeNotifyChannel(commands, await managed(session, params.id));
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/guilds/:id/settings',
      summary: 'Changes the reminder, the delay after airing and the title language, by the rules of /anime admin settings',
      params: guildParams,
      body: settingsBody,
      answer: settingsAnswer,
      status: 200,
      async handle({ session, params, body }) {
        return changeSettings(commands, await managed(session, params.id), body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/roles',
      summary: "The server's roles, highest first (without @everyone)",
      params: guildParams,
      answer: rolesAnswer,
      status: 200,
      async handle({ session, params }) {
        const { guild } = await managed(session, params.id);
        return { roles: await serverRoles(commands.discord, guild.id) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/locks',
      summary: 'Which commands are limited to which roles, and which roles may use the dashboard',
      params: guildParams,
      answer: locksAnswer,
      status: 200,
      async handle({ session, params }) {
        const { guild } = await managed(session, params.id);
        return readLocks(commands, guild.id);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/guilds/:id/locks',
      summary: 'Limits a command to a role, or lets a role use the dashboard, as /anime admin editpermission enable:true does',
      params: guildParams,
      body: lockBody,
      answer: lockChangeAnswer,
      status: 200,
      async handle({ session, params, body }) {
        return editLock(commands, await managed(session, params.id), { ...body, enable: true });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/guilds/:id/locks',
      summary: "Lifts a role's lock on a command, or its dashboard access, as /anime admin editpermission enable:false does",
      params: guildParams,
      body: lockBody,
      answer: lockChangeAnswer,
      status: 200,
      async handle({ session, params, body }) {
        return editLock(commands, await managed(session, params.id), { ...body, enable: false });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/schedule',
      summary: "What airs in the next days from the server's list, as /anime schedule shows it",
      params: guildParams,
      query: scheduleQuery,
      answer: scheduleAnswer,
      status: 200,
      async handle({ session, params, query }) {
        const { guild } = await managed(session, params.id);
        return readSchedule(commands.repositories, guild.id, query.days, commands.now());
      },
    }),
  ];
}
