// GET /api/v1/me: who is logged in, their CSRF token, and their servers.
import { defineRoute } from './api-route.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { meAnswer } from './schemas.ts';

export const meRoute = (services: DashboardServices) =>
  defineRoute({
    method: 'GET',
    url: '/api/v1/me',
    summary: 'The logged-in user, their CSRF token and their Discord servers',
    answer: meAnswer,
    status: 200,
    async handle({ session }) {
      const guilds = await services.access.guildsOf(session);
      const present = await services.botPresence.of(guilds.map((guild) => guild.id));
      return {
        user: { id: session.userId, username: session.username },
        csrfToken: session.csrfToken,
        guilds: await Promise.all(
          guilds.map(async (guild) => ({
            id: guild.id,
            name: guild.name,
            icon: guild.icon ?? null,
            canManage: await services.access.mayManage(session, guild),
            botPresent: present.has(guild.id),
          })),
        ),
      };
    },
  });
