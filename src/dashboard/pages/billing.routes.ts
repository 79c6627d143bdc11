// GET /billing (the member's Patreon state and server picker), POST /billing/assign and POST
// /billing/unassign (plain forms with the CSRF token, answered with a redirect back and a notice).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-route.ts';
import type { Billing } from '../billing.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import { billingView } from './billing.view.ts';
import { checkFormCsrf, html, sessionOrLogin, type FindSession } from './page-access.ts';
import { noticeFromQuery, refusalNotice, type Notice } from './page-guard.ts';

export interface BillingPageOptions {
  billing: Billing;
  findSession: FindSession;
  config: Record<string, unknown>;
}

/** Back to the billing page with a notice (the Patreon link's callback ends here too). */
export function backToBilling(reply: FastifyReply, notice: Notice) {
  const query = new URLSearchParams({ notice: notice.text, ...(notice.error && { error: '1' }) });
  return reply.redirect(`/billing?${query.toString()}`, 303);
}

export async function billingPageRoutes(app: FastifyInstance, options: BillingPageOptions): Promise<void> {
  const { billing, findSession } = options;

  app.get(
    '/billing',
    { helmet: PAGE_POLICY, config: options.config },
    async (request: FastifyRequest<{ Querystring: { notice?: string; error?: string } }>, reply) => {
      const session = await sessionOrLogin(findSession, request, reply);
      if (!session) return reply;
      const state = await billing.state(session);
      return html(reply, layout('My billing', billingView(state, session.csrfToken, noticeFromQuery(request.query)), session));
    },
  );

  const formSession = async (request: FastifyRequest<{ Body?: { csrf?: string } }>) => {
    const session = await findSession(request);
    if (!session) throw new ApiError(401, 'Your login has ended. Log in again, then try once more.');
    checkFormCsrf(request, session);
    return session;
  };

  app.post('/billing/assign', { config: options.config }, async (request: FastifyRequest<{ Body?: { csrf?: string; guildId?: string } }>, reply) => {
    const session = await formSession(request);
    const guildId = typeof request.body?.guildId === 'string' ? request.body.guildId : '';
    const notice = /^\d{17,20}$/.test(guildId)
      ? await billing.assign(session, guildId).then((text) => ({ text, error: false }), refusalNotice)
      : { text: 'Choose a server from the list.', error: true };
    return backToBilling(reply, notice);
  });

  app.post('/billing/unassign', { config: options.config }, async (request: FastifyRequest<{ Body?: { csrf?: string } }>, reply) => {
    const session = await formSession(request);
    const notice = await billing.unassign(session).then((text) => ({ text, error: false }), refusalNotice);
    return backToBilling(reply, notice);
  });
}
