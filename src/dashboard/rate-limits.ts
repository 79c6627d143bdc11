// The dashboard's flood protection, on top of the site's budget per address: logging in is
// limited harder (each attempt costs Discord calls and a database write), and a logged-in
// user's requests are counted per session, so that many members behind one address (a school,
// a mobile carrier) do not share one small budget.
import type { FastifyRequest } from 'fastify';

const MINUTE = 60_000;

export const LOGIN_RATE_LIMIT = { rateLimit: { max: 10, timeWindow: MINUTE } } as const;

/** Route config: per session when there is one (htmx search sends a request every few keystrokes), else per address. */
export function perSessionRateLimit(cookieName: string) {
  return {
    rateLimit: {
      max: 300,
      timeWindow: MINUTE,
      keyGenerator: (request: FastifyRequest) => {
        const session = request.cookies?.[cookieName];
        return session ? `session:${session}` : `address:${request.ip}`;
      },
    },
  } as const;
}
