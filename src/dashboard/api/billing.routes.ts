// /api/v1/billing: the member's Patreon state, and moving their premium to another server (which
// takes effect before the answer) or off every server. Only a server the member may manage can
// be chosen; any other is a 404, as everywhere in the API.
import type { Billing, BillingState } from '../billing.ts';
import { supportWords } from '../billing-words.ts';
import { defineRoute } from './api-route.ts';
import { assignmentAnswer, assignmentBody, billingAnswer } from './billing.schemas.ts';

const iso = (at: number) => new Date(at).toISOString();

function answer(state: BillingState) {
  return {
    ...state,
    graceEndsAt: state.graceEndsAt === null ? null : iso(state.graceEndsAt),
    link: state.link && { patreonUserId: state.link.patreonUserId, linkedAt: iso(state.link.linkedAt) },
    premiumServer: state.premiumServer && { ...state.premiumServer, assignedAt: iso(state.premiumServer.assignedAt) },
    message: supportWords(state),
  };
}

export function billingRoutes(billing: Billing) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/billing',
      summary: 'Your Patreon support, the server your premium applies to, and the servers it may go to',
      answer: billingAnswer,
      status: 200,
      handle: async ({ session }) => answer(await billing.state(session)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/v1/billing/assignment',
      summary: 'Moves your premium to a server you may manage where AniTrack is; takes effect at once',
      body: assignmentBody,
      answer: assignmentAnswer,
      status: 200,
      handle: async ({ session, body }) => ({ message: await billing.assign(session, body.guildId) }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/billing/assignment',
      summary: 'Takes your premium off the server it applies to; takes effect at once',
      status: 204,
      async handle({ session }) {
        await billing.unassign(session);
        return undefined;
      },
    }),
  ];
}
