// A server's configuration page (/servers/:id/settings) and its forms, and its week
// (/servers/:id/schedule). The forms run the same actions as the API (server-config.ts): with
// htmx the changed section comes back with the notice out of band; a plain form is sent back to
// the page with the notice in its address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { animeCommand } from '../../commands/anime.command.ts';
import { PERMISSION_TARGETS } from '../../commands/anime/lockable.ts';
import type { DashboardSession } from '../../store/repositories.ts';
import { ApiError } from '../api/api-route.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import { snowflake } from '../api/schemas.ts';
import { scheduleQuery } from '../api/server-config.schemas.ts';
import type { UserGuild } from '../discord-user-api.ts';
import { canManage } from '../guild-access.ts';
import { readSchedule } from '../schedule-view.ts';
import { changeSettings, editLock, readLocks, readSettings, removeNotifyChannel, setNotifyChannel } from '../server-config.ts';
import { notifyChannelChoices, serverRoles } from '../server-from-discord.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import { html, isHtmx, noticeFromQuery, pageGuard, refusalNotice, type Notice } from './page-guard.ts';
import { scheduleView } from './schedule.view.ts';
import { channelSection, configPageView, rolesSection, settingsSection, type ConfigPage, type OrUnavailable, type SettingsLimits } from './settings.view.ts';
import { noticeView } from './views.ts';

export interface SettingsPageOptions {
  services: DashboardServices;
  findSession(request: FastifyRequest): Promise<DashboardSession | undefined>;
}

type Form = Record<string, unknown> & { csrf?: unknown };

/** The form's fields and limits are those of `/anime admin settings`, read from its definition. */
function settingsLimits(): SettingsLimits {
  const options = animeCommand.subcommands.get('admin settings')?.definition.options ?? [];
  const range = (name: string) => {
    const option = options.find((candidate) => candidate.name === name);
    const limits = option && 'min_value' in option ? { min: option.min_value, max: option.max_value } : {};
    return { min: limits.min ?? 0, max: limits.max ?? 1440 };
  };
  const language = options.find((option) => option.name === 'language');
  const languages = language && 'choices' in language ? (language.choices ?? []).map((choice) => ({ name: choice.name, value: String(choice.value) })) : [];
  return { reminder: range('reminder'), delay: range('delay'), languages };
}

// What a plain form sends is text; the actions take the API's types, and the commands check the limits.
const wholeNumber = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `${field}: use a whole number of minutes`)
    .transform(Number);
const settingsForm = z.object({
  titleLanguage: z.enum(['romaji', 'english', 'native']).optional(),
  reminderOffsetMinutes: wholeNumber('Reminder').optional(),
  postAirDelayMinutes: wholeNumber('Delay').optional(),
});
const lockForm = z.object({ command: z.enum(PERMISSION_TARGETS), roleId: snowflake, enable: z.enum(['true', 'false']) });
const channelForm = z.object({ channelId: snowflake });

function formValues<T extends z.ZodType>(schema: T, body: unknown, problem: string): z.output<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const custom = parsed.error.issues.find((issue) => issue.code === 'invalid_format')?.message;
  throw new ApiError(400, custom ?? problem);
}

export async function settingsPageRoutes(app: FastifyInstance, options: SettingsPageOptions): Promise<void> {
  const { services } = options;
  const { commands } = services;
  const guard = pageGuard(services, options.findSession);
  const limits = settingsLimits();

  // What Discord cannot tell now (the bot is not in the server) is said in the section.
  const orUnavailable = <T>(read: Promise<T>): Promise<OrUnavailable<T>> =>
    read.catch((error: unknown) => {
      if (error instanceof ApiError && error.status < 500) return { unavailable: error.message };
      throw error;
    });

  const readPage = async (session: DashboardSession, guild: UserGuild): Promise<ConfigPage> => {
    const [channels, roles, stored, settings, locks] = await Promise.all([
      orUnavailable(notifyChannelChoices(commands.discord, guild.id)),
      orUnavailable(serverRoles(commands.discord, guild.id)),
      commands.repositories.guilds.get(guild.id),
      readSettings(commands, guild.id),
      readLocks(commands, guild.id),
    ]);
    return {
      guild,
      csrfToken: session.csrfToken,
      channelId: stored?.notifyChannelId ?? null,
      channels,
      settings,
      customTiming: commands.tiers.limitsFor(stored).customTiming,
      limits,
      locks,
      roles,
      mayChangeDashboardRoles: canManage(guild),
    };
  };

  app.get('/servers/:id/settings', { helmet: PAGE_POLICY }, async (request: FastifyRequest<{ Querystring: { notice?: string; error?: string } }>, reply) => {
    const session = await guard.sessionOrLogin(request, reply);
    if (!session) return reply;
    const guild = await guard.managedGuild(session, request.params);
    return html(reply, layout(`${guild.name} settings`, configPageView(await readPage(session, guild), noticeFromQuery(request.query)), session));
  });

  app.get('/servers/:id/schedule', { helmet: PAGE_POLICY }, async (request: FastifyRequest<{ Querystring: { days?: string } }>, reply) => {
    const session = await guard.sessionOrLogin(request, reply);
    if (!session) return reply;
    const guild = await guard.managedGuild(session, request.params);
    const query = scheduleQuery.safeParse(request.query);
    const days = query.success ? query.data.days : 7;
    const schedule = await readSchedule(commands.repositories, guild.id, days, commands.now());
    return html(reply, layout(`${guild.name} this week`, scheduleView(guild, schedule), session));
  });

  // After a change: htmx gets the section again with the notice out of band; a plain form goes back to the page.
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: { session: DashboardSession; guild: UserGuild },
    section: (page: ConfigPage) => string,
    notice: Notice,
  ) => {
    if (!isHtmx(request)) {
      const query = new URLSearchParams({ notice: notice.text, ...(notice.error && { error: '1' }) });
      return reply.redirect(`/servers/${actor.guild.id}/settings?${query.toString()}`, 303);
    }
    const page = await readPage(actor.session, actor.guild);
    return html(reply, `${section(page)}<div id="notice" hx-swap-oob="true">${noticeView(notice.text, notice.error)}</div>`);
  };
  const done = ({ message }: { message: string }): Notice => ({ text: message, error: false });

  app.post('/servers/:id/channel', async (request: FastifyRequest<{ Body?: Form }>, reply) => {
    const actor = await guard.formActor(request, reply);
    if (!actor) return reply;
    const { channelId } = formValues(channelForm, request.body, 'Pick a channel from the list.');
    const notice = await setNotifyChannel(commands, actor, channelId).then(done, refusalNotice);
    return answer(request, reply, actor, channelSection, notice);
  });

  app.post('/servers/:id/channel/remove', async (request: FastifyRequest<{ Body?: Form }>, reply) => {
    const actor = await guard.formActor(request, reply);
    if (!actor) return reply;
    const notice = await removeNotifyChannel(commands, actor).then(done, refusalNotice);
    return answer(request, reply, actor, channelSection, notice);
  });

  app.post('/servers/:id/settings', async (request: FastifyRequest<{ Body?: Form }>, reply) => {
    const actor = await guard.formActor(request, reply);
    if (!actor) return reply;
    const values = formValues(settingsForm, request.body, 'Fill in the settings with the values the form offers.');
    const notice = await changeSettings(commands, actor, values).then(done, refusalNotice);
    return answer(request, reply, actor, settingsSection, notice);
  });

  app.post('/servers/:id/locks', async (request: FastifyRequest<{ Body?: Form }>, reply) => {
    const actor = await guard.formActor(request, reply);
    if (!actor) return reply;
    const { command, roleId, enable } = formValues(lockForm, request.body, 'Pick a command and a role from the lists.');
    const notice = await editLock(commands, actor, { command, roleId, enable: enable === 'true' }).then(done, refusalNotice);
    return answer(request, reply, actor, rolesSection, notice);
  });
}
