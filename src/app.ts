// The composition root: builds every service from the settings and wires them together.
// Nothing else constructs services or reads settings, so tests build the same app with their
// own settings and stand-ins.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { openStore, type Store } from './store/open-store.ts';
import { buildWebServer } from './web/server.ts';

export interface App {
  store: Store;
  web: FastifyInstance;
  /** Starts listening; resolves with the address the web server is bound to. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  const store = await openStore(config, logger);
  const web = await buildWebServer({
    logger,
    healthChecks: [
      {
        name: 'database',
        check: async () => ((await store.database.ping()) ? { ok: true } : { ok: false, detail: 'the database does not answer' }),
      },
    ],
  });

  let stopping: Promise<void> | undefined;
  return {
    store,
    web,
    async start() {
      const address = await web.listen({ host: config.HOST, port: config.PORT });
      logger.info({ address, publicUrl: config.PUBLIC_URL }, 'AniTrack is running');
      return address;
    },
    stop() {
      stopping ??= (async () => {
        await web.close();
        await store.database.close();
      })();
      return stopping;
    },
  };
}
