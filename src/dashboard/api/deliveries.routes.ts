// "Why did or didn't it post?" for scripts and the page: the delivery log, the channel check,
// the preview of the next notification, the test send, and pausing or resuming an anime.
import type { DashboardSession } from '../../store/repositories.ts';
import { checkChannel } from '../channel-check.ts';
import { readDeliveryLog } from '../delivery-log.ts';
import { previewNextNotification } from '../notification-preview.ts';
import { setAnimePaused } from '../pause-anime.ts';
import { defineRoute, NOT_FOUND } from './api-route.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { channelCheckAnswer, deliveriesAnswer, deliveriesQuery, pauseAnswer, previewAnswer, testNotificationAnswer } from './delivery-schemas.ts';
import { guildAnimeParams, guildParams } from './schemas.ts';

export function deliveryRoutes(services: DashboardServices) {
  const { repositories } = services.commands;
  const managed = async (session: DashboardSession, guildId: string) => {
    const guild = await services.access.manageable(session, guildId);
    if (!guild) throw NOT_FOUND();
    return guild;
  };
  const pauseRoute = (paused: boolean) =>
    defineRoute({
      method: 'POST',
      url: `/api/v1/guilds/:id/anime/:mediaId/${paused ? 'pause' : 'resume'}`,
      summary: paused
        ? 'Pauses an anime: it stays on the list, but gets no notifications until resumed'
        : 'Resumes a paused anime: its episodes are notified again',
      params: guildAnimeParams,
      answer: pauseAnswer,
      status: 200,
      async handle({ session, params }) {
        await managed(session, params.id);
        return setAnimePaused(services.commands, params.id, params.mediaId, paused);
      },
    });

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/deliveries',
      summary: "The server's delivery log, newest first: sent, retried, failed, skipped or cancelled, and why",
      params: guildParams,
      query: deliveriesQuery,
      answer: deliveriesAnswer,
      status: 200,
      async handle({ session, params, query }) {
        await managed(session, params.id);
        return readDeliveryLog(repositories, params.id, query);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/channel-check',
      summary: 'Whether the bot can post in the notification channel: the channel, its permissions there, and our webhook',
      params: guildParams,
      answer: channelCheckAnswer,
      status: 200,
      async handle({ session, params }) {
        await managed(session, params.id);
        return checkChannel({ repositories, discord: services.commands.discord }, params.id);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/preview',
      summary: 'The next notification as the webhook will send it (content, embeds, components)',
      params: guildParams,
      answer: previewAnswer,
      status: 200,
      async handle({ session, params }) {
        await managed(session, params.id);
        return previewNextNotification(repositories, services.commands.tiers, params.id, services.commands.now());
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/guilds/:id/test-notification',
      summary: "Sends a test message through the server's webhook and reports Discord's answer (one per server every 10 seconds)",
      params: guildParams,
      answer: testNotificationAnswer,
      status: 200,
      async handle({ session, params }) {
        await managed(session, params.id);
        return services.testNotifications.send(params.id, session.username);
      },
    }),
    pauseRoute(true),
    pauseRoute(false),
  ];
}
