// Dashboard roles on their own, with Discord and the store replaced by stand-ins that count
// their calls: who is let in, how long a member's roles are kept, and that a server the bot is
// not in lets nobody in by role.
import { DiscordAPIError } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { createDashboardRoles } from '../../src/dashboard/dashboard-roles.ts';

const GUILD = '100000000000000001';
const USER = '200000000000000001';
const ROLE = '300000000000000001';

function setUp(options: { granted?: string[]; held?: string[]; botPresent?: boolean; memberError?: Error } = {}) {
  let now = 1_000_000;
  const calls = { getMember: 0 };
  let held = options.held ?? [ROLE];
  const roles = createDashboardRoles({
    discord: {
      guilds: {
        getMember: async () => {
          calls.getMember++;
          if (options.memberError) throw options.memberError;
          return { roles: held };
        },
      },
    } as never,
    locks: { rolesFor: async (_guildId, command) => (command === 'dashboard' ? (options.granted ?? [ROLE]) : []) },
    botPresence: { of: async (ids) => new Set(options.botPresent === false ? [] : ids) },
    now: () => now,
  });
  return {
    roles,
    calls,
    advance: (ms: number) => (now += ms),
    setHeld: (next: string[]) => (held = next),
  };
}

describe('dashboard roles', () => {
  it("lets in a member holding one of the server's dashboard roles, and keeps their roles a minute", async () => {
    const { roles, calls, advance, setHeld } = setUp();
    expect(await roles.grants(GUILD, USER)).toBe(true);
    setHeld([]);
    advance(59_000);
    expect(await roles.grants(GUILD, USER)).toBe(true);
    expect(calls.getMember).toBe(1);
    advance(1_000);
    expect(await roles.grants(GUILD, USER)).toBe(false);
    expect(calls.getMember).toBe(2);
  });

  it('asks Discord nothing when the server gave no role access, and lets nobody in by role where the bot is not', async () => {
    const none = setUp({ granted: [] });
    expect(await none.roles.grants(GUILD, USER)).toBe(false);
    expect(none.calls.getMember).toBe(0);
    const absent = setUp({ botPresent: false });
    expect(await absent.roles.grants(GUILD, USER)).toBe(false);
    expect(absent.calls.getMember).toBe(0);
    expect(await setUp({ held: ['300000000000000009'] }).roles.grants(GUILD, USER)).toBe(false);
  });

  it('counts a member Discord no longer knows as holding no role, and does not keep other failures', async () => {
    const unknownMember = new DiscordAPIError({ code: 10007, message: 'Unknown Member' }, 10007, 404, 'GET', '/guilds/x/members/y', {});
    expect(await setUp({ memberError: unknownMember }).roles.grants(GUILD, USER)).toBe(false);
    const failing = setUp({ memberError: new Error('socket hang up') });
    await expect(failing.roles.grants(GUILD, USER)).rejects.toThrow('socket hang up');
    await expect(failing.roles.grants(GUILD, USER)).rejects.toThrow('socket hang up');
    expect(failing.calls.getMember).toBe(2);
  });
});
