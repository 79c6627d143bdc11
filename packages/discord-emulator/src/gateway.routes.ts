// Where the gateway is: GET /gateway (no auth) and GET /gateway/bot (bot token, with the
// recommended shard count and identify budget). @discordjs/ws asks /gateway/bot before
// connecting (and, without a shard count of its own, runs as many shards as it recommends) and
// appends ?v=10&encoding=json to the url it gets back.
import type { FakeGateway } from './gateway.ts';
import type { Route } from './router.ts';

const IDENTIFY_BUDGET = 1000;
const IDENTIFY_BUDGET_RESET_MS = 14_400_000;

export function gatewayRoutes(gateway: FakeGateway, url: () => string, recommendedShards: number): Route[] {
  return [
    { method: 'GET', path: '/gateway', auth: 'none', handle: () => ({ status: 200, body: { url: url() } }) },
    {
      method: 'GET',
      path: '/gateway/bot',
      auth: 'bot',
      handle: () => ({
        status: 200,
        body: {
          url: url(),
          shards: recommendedShards,
          session_start_limit: {
            total: IDENTIFY_BUDGET,
            remaining: Math.max(0, IDENTIFY_BUDGET - 1 - gateway.sessions().identifies),
            reset_after: IDENTIFY_BUDGET_RESET_MS,
            max_concurrency: 1,
          },
        },
      }),
    },
  ];
}
