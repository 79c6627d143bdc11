// Application commands: bulk overwrite and list, global and per guild. An overwrite keeps the
// id of a command whose name and type were already registered (Discord does, so permissions
// set by server admins survive a redeploy) and bumps `version` only when it changed.
import { assertValid, missingAccess } from './api-errors.ts';
import { validateCommands } from './command-validation.ts';
import type { FakeDiscordContext } from './context.ts';
import type { Route } from './router.ts';
import type { SnowflakeFactory } from './snowflake.ts';

export type RegisteredCommand = Record<string, unknown> & { id: string; application_id: string; version: string; name: string; type: number };

export interface CommandStore {
  list(guildId?: string): RegisteredCommand[];
  overwrite(commands: Record<string, unknown>[], guildId?: string): RegisteredCommand[];
}

export function createCommandStore(applicationId: string, snowflakes: SnowflakeFactory): CommandStore {
  const scopes = new Map<string, RegisteredCommand[]>();
  const scopeKey = (guildId?: string) => guildId ?? 'global';
  return {
    list: (guildId) => (scopes.get(scopeKey(guildId)) ?? []).map((command) => structuredClone(command)),
    overwrite(commands, guildId) {
      const previous = scopes.get(scopeKey(guildId)) ?? [];
      const next = commands.map((input) => {
        const type = typeof input.type === 'number' ? input.type : 1;
        const name = String(input.name);
        const before = previous.find((command) => command.name === name && command.type === type);
        const shape = {
          ...input,
          type,
          name,
          description: input.description ?? '',
          default_member_permissions: input.default_member_permissions ?? null,
          nsfw: input.nsfw ?? false,
          integration_types: input.integration_types ?? [0],
          contexts: input.contexts ?? null,
          ...(guildId ? { guild_id: guildId } : { dm_permission: input.dm_permission ?? true }),
        };
        const changed = !before || JSON.stringify(withoutIdentity(before)) !== JSON.stringify(shape);
        return { ...shape, id: before?.id ?? snowflakes.next(), application_id: applicationId, version: changed ? snowflakes.next() : before.version };
      });
      scopes.set(scopeKey(guildId), next);
      return next.map((command) => structuredClone(command));
    },
  };
}

function withoutIdentity(command: RegisteredCommand): Record<string, unknown> {
  const { id: _id, application_id: _applicationId, version: _version, ...rest } = command;
  return rest;
}

export function commandRoutes(context: FakeDiscordContext): Route[] {
  const checkApplication = (applicationId: string) => {
    if (applicationId !== context.applicationId) throw missingAccess();
  };
  // Registering in a guild needs the bot (applications.commands) installed there.
  const checkGuild = (guildId: string) => {
    if (!context.guilds.get(guildId)?.botPresent) throw missingAccess();
  };
  const overwrite = (body: unknown, guildId?: string) => {
    assertValid(validateCommands(body));
    return { status: 200, body: context.commands.overwrite(body as Record<string, unknown>[], guildId) };
  };
  return [
    {
      method: 'PUT',
      path: '/applications/:applicationId/commands',
      auth: 'bot',
      handle(request) {
        checkApplication(request.param('applicationId'));
        return overwrite(request.body);
      },
    },
    {
      method: 'GET',
      path: '/applications/:applicationId/commands',
      auth: 'bot',
      handle(request) {
        checkApplication(request.param('applicationId'));
        return { status: 200, body: context.commands.list() };
      },
    },
    {
      method: 'PUT',
      path: '/applications/:applicationId/guilds/:guildId/commands',
      auth: 'bot',
      handle(request) {
        checkApplication(request.param('applicationId'));
        checkGuild(request.param('guildId'));
        return overwrite(request.body, request.param('guildId'));
      },
    },
    {
      method: 'GET',
      path: '/applications/:applicationId/guilds/:guildId/commands',
      auth: 'bot',
      handle(request) {
        checkApplication(request.param('applicationId'));
        checkGuild(request.param('guildId'));
        return { status: 200, body: context.commands.list(request.param('guildId')) };
      },
    },
  ];
}
