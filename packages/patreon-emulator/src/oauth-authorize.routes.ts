// The consent screen at /oauth2/authorize (the site root, where a browser is sent). GET shows the
// stand-in users to log in as, or, once someone is logged in, what the client asks for with
// Allow and Deny. Its forms POST back here: Allow sends the browser to the redirect_uri with
// ?code&state, Deny with ?error=access_denied&state. approveAuthorization is the Allow click
// without a browser, for tests.
import type { Model } from './model.ts';
import { AUTHORIZE_PATH, consentPage, errorPage, signInPage } from './oauth-pages.ts';
import { readAuthorizationRequest, withQuery, type AuthorizationRequest, type OAuthClient } from './oauth-request.ts';
import type { OAuthStore } from './oauth-store.ts';
import type { Route, RouteResult } from './server.ts';

export interface AuthorizeContext {
  client: OAuthClient;
  store: OAuthStore;
  model: Model;
  /** Who the one browser is logged in as on the stand-in's pages. */
  browser: { userId: string | null };
}

// A consent page carries a `state`: no cache may keep it.
const NO_STORE = { 'Cache-Control': 'no-store' };
const html = (status: number, body: string): RouteResult => ({ status, html: body, headers: NO_STORE });
const redirect = (location: string, status = 302): RouteResult => ({ status, headers: { ...NO_STORE, Location: location } });
/** Back to the same authorization request as a GET, after a log-in form (post/redirect/get). */
const backTo = (request: AuthorizationRequest) => redirect(`${AUTHORIZE_PATH}?${request.params}`, 303);

function approvedLocation(context: AuthorizeContext, request: AuthorizationRequest, userId: string): string {
  const code = context.store.issueCode({ clientId: context.client.clientId, redirectUri: request.redirectUri, userId, scopes: request.scopes });
  return withQuery(request.redirectUri, { code, state: request.state });
}

/** The URL Allow would send the browser to, as `userId`. Throws where the stand-in shows an error page. */
export function approveAuthorization(context: AuthorizeContext, query: URLSearchParams | string, userId: string): string {
  const text = typeof query === 'string' && query.includes('?') ? query.slice(query.indexOf('?') + 1) : query;
  const verdict = readAuthorizationRequest(context.client, new URLSearchParams(text));
  if (verdict.kind === 'page-error') throw new Error(`Patreon stand-in: ${verdict.title}: ${verdict.message}`);
  if (verdict.kind === 'redirect') return verdict.location;
  context.model.user(userId);
  return approvedLocation(context, verdict.request, userId);
}

export function oauthAuthorizeRoutes(context: AuthorizeContext): Route[] {
  const path = new RegExp(`^${AUTHORIZE_PATH}$`);
  const clientName = context.client.name;
  const loggedIn = () => (context.browser.userId === null ? undefined : context.model.users.get(context.browser.userId));

  return [
    {
      name: 'authorize',
      method: 'GET',
      path,
      auth: 'none',
      handle({ url }) {
        const verdict = readAuthorizationRequest(context.client, url.searchParams);
        if (verdict.kind === 'page-error') return html(400, errorPage(verdict.title, verdict.message));
        if (verdict.kind === 'redirect') return redirect(verdict.location);
        const { request } = verdict;
        const user = loggedIn();
        if (!user) return html(200, signInPage({ clientName, users: [...context.model.users.values()], params: request.params }));
        return html(200, consentPage({ clientName, user, scopes: request.scopes, params: request.params }));
      },
    },
    {
      name: 'authorize',
      method: 'POST',
      path,
      auth: 'none',
      handle({ form }) {
        if (!form) return html(400, errorPage('Bad request', 'This page takes the form it shows (application/x-www-form-urlencoded).'));
        const verdict = readAuthorizationRequest(context.client, form);
        if (verdict.kind === 'page-error') return html(400, errorPage(verdict.title, verdict.message));
        if (verdict.kind === 'redirect') return redirect(verdict.location);
        const { request } = verdict;
        const decision = form.get('decision') ?? '';
        switch (decision) {
          case 'allow': {
            const user = loggedIn();
            return user ? redirect(approvedLocation(context, request, user.id)) : backTo(request);
          }
          case 'deny':
            return redirect(withQuery(request.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: request.state }));
          case 'sign_in': {
            const userId = form.get('user_id') ?? '';
            if (!context.model.users.has(userId)) return html(400, errorPage('Unknown user', `No user has the id "${userId}".`));
            context.browser.userId = userId;
            return backTo(request);
          }
          case 'switch_account':
            context.browser.userId = null;
            return backTo(request);
          default:
            return html(400, errorPage('Bad request', `"${decision}" is not something this page can do.`));
        }
      },
    },
  ];
}
