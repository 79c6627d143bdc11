// GET /servers/:id/deliveries, "Why did or didn't it post?", and its test send. The checks are
// the API's own functions, so the page and a script see the same answers. A test send from
// htmx gets the answer as a fragment; a plain form is sent back to the page with it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-route.ts';
import { deliveriesQuery, type TestNotificationResult } from '../api/delivery-schemas.ts';
import { checkChannel, checkNotAnswered } from '../channel-check.ts';
import { readDeliveryLog } from '../delivery-log.ts';
import { previewNextNotification } from '../notification-preview.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import type { PageOptions } from './page.routes.ts';
import { deliveriesView, testSendResultView } from './deliveries.view.ts';
import { html, isHtmx, pageAccess } from './page-access.ts';
import { noticeView } from './views.ts';

type PageQuery = { Querystring: { before?: string; notice?: string; error?: string } };

export async function deliveriesPageRoutes(app: FastifyInstance, options: PageOptions): Promise<void> {
  const { services } = options;
  const { repositories, discord } = services.commands;
  const access = pageAccess(options);

  app.get('/servers/:id/deliveries', { helmet: PAGE_POLICY }, async (request: FastifyRequest<PageQuery>, reply) => {
    const session = await access.sessionOrLogin(request, reply);
    if (!session) return reply;
    const guild = await access.managedGuild(session, request.params);
    const page = deliveriesQuery.safeParse({ before: request.query.before });
    const query = page.success ? page.data : { limit: 50 };
    const [check, preview, log] = await Promise.all([
      // Discord failing must not hide the log: the check says so instead.
      checkChannel({ repositories, discord }, guild.id).catch(async (error: unknown) => {
        services.commands.logger.warn({ err: error, guildId: guild.id }, 'The channel check got no answer from Discord');
        return checkNotAnswered((await repositories.guilds.get(guild.id))?.notifyChannelId ?? null);
      }),
      previewNextNotification(repositories, services.commands.tiers, guild.id, services.commands.now()),
      readDeliveryLog(repositories, guild.id, query),
    ]);
    const { notice, error } = request.query;
    const shown = typeof notice === 'string' ? { text: notice.slice(0, 500), error: error === '1' } : undefined;
    const body = deliveriesView({ guild, check, preview, log, older: query.before !== undefined, csrfToken: session.csrfToken, notice: shown });
    return html(reply, layout(`${guild.name}: deliveries`, body, session));
  });

  app.post('/servers/:id/test-notification', async (request, reply) => {
    const session = await access.sessionOrNotice(request, reply);
    if (!session) return reply;
    access.checkCsrf(request, session);
    const guild = await access.managedGuild(session, request.params);
    const answer = await services.testNotifications.send(guild.id, session.username).then(
      (result: TestNotificationResult) => ({ text: result.message, error: result.outcome !== 'sent', result }),
      (error: unknown) => {
        // Refusals (too soon, no channel) are shown like Discord's answers.
        if (error instanceof ApiError && error.status < 500) return { text: error.message, error: true, result: undefined };
        throw error;
      },
    );
    if (!isHtmx(request)) {
      const query = new URLSearchParams({ notice: answer.text, ...(answer.error && { error: '1' }) });
      return reply.redirect(`/servers/${guild.id}/deliveries?${query.toString()}`, 303);
    }
    return html(reply, answer.result ? testSendResultView(answer.result) : noticeView(answer.text, true));
  });
}
