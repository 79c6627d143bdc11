// What the OAuth2 routes share: the application as a client sees it, the token store, and "the
// browser": the one person signed in to this Discord's web pages, which the consent screen
// acts for. Built once in index.ts.
import type { GuildModel } from './guild-model.ts';
import type { OAuthApplication } from './oauth-request.ts';
import type { OAuthStore } from './oauth-store.ts';

export interface OAuthContext {
  app: OAuthApplication;
  store: OAuthStore;
  guilds: GuildModel;
  browser: { userId: string | null };
}
