// GET /me/data (what is kept, the export), GET /me/data/delete (are you sure?) and
// POST /me/data/delete (a plain form with the CSRF token), which deletes and logs out.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-route.ts';
import { deletionSummary, type MyData } from '../my-data.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import { confirmDeletionView, deletedView, myDataView } from './my-data.view.ts';
import { checkFormCsrf, html, sessionOrLogin, type FindSession } from './page-access.ts';

export interface MyDataPageOptions {
  myData: MyData;
  findSession: FindSession;
  /** The session cookie's name, cleared once the data (and so the session) is deleted. */
  cookieName: string;
}

export async function myDataPageRoutes(app: FastifyInstance, options: MyDataPageOptions): Promise<void> {
  const { myData, findSession } = options;

  app.get('/me/data', { helmet: PAGE_POLICY }, async (request, reply) => {
    const session = await sessionOrLogin(findSession, request, reply);
    if (!session) return reply;
    return html(reply, layout('My data', myDataView(await myData.export(session)), session));
  });

  app.get('/me/data/delete', { helmet: PAGE_POLICY }, async (request, reply) => {
    const session = await sessionOrLogin(findSession, request, reply);
    if (!session) return reply;
    return html(reply, layout('Delete my data', confirmDeletionView(session.csrfToken), session));
  });

  app.post('/me/data/delete', { helmet: PAGE_POLICY }, async (request: FastifyRequest<{ Body?: { csrf?: string } }>, reply) => {
    const session = await findSession(request);
    if (!session) throw new ApiError(401, 'Your login has ended. Log in again to delete your data.');
    checkFormCsrf(request, session);
    const deleted = await myData.delete(session);
    reply.clearCookie(options.cookieName, { path: '/' });
    return html(reply, layout('Your data is deleted', deletedView(deletionSummary(deleted))));
  });
}
