// The authorization screen at /oauth2/authorize (the site root, where a browser is sent, not
// under /api). GET shows who is signed in and what the application asks for, or, when nobody
// is, the people this Discord knows to continue as. Its forms POST back here: Authorize sends
// the browser to the redirect_uri with ?code&state, Cancel with ?error=access_denied&state.
// With prompt=none, someone who already granted these scopes is sent back at once (Discord's
// docs). approveAuthorization is the Authorize click without a browser, for tests.
import type { OAuthContext } from './oauth-context.ts';
import { accountPage, AUTHORIZE_PATH, consentPage, errorPage } from './oauth-pages.ts';
import { approvedLocation, deniedLocation, readAuthorizationRequest, type AuthorizationRequest } from './oauth-request.ts';
import type { Route, RouteResponse } from './router.ts';

// A consent page carries a `state`: no cache may keep it.
const NO_STORE = { 'Cache-Control': 'no-store' };
const html = (status: number, body: string): RouteResponse => ({ status, html: body, headers: NO_STORE });
const redirect = (location: string): RouteResponse => ({ status: 302, headers: { ...NO_STORE, Location: location } });
/** After a sign-in form: back to the same authorization request, as a GET (post/redirect/get). */
const backTo = (request: AuthorizationRequest): RouteResponse => ({ status: 303, headers: { ...NO_STORE, Location: `${AUTHORIZE_PATH}?${request.params}` } });

function issue(oauth: OAuthContext, request: AuthorizationRequest, userId: string): string {
  const code = oauth.store.issueCode({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    effectiveRedirectUri: request.effectiveRedirectUri,
    scopes: request.scopes,
    userId,
    codeChallenge: request.codeChallenge,
  });
  return approvedLocation(request, code);
}

/** What clicking Authorize as `userId` does: the URL the browser is sent to. Throws where Discord would show an error page. */
export function approveAuthorization(oauth: OAuthContext, query: URLSearchParams | string, userId: string): string {
  const text = typeof query === 'string' && query.includes('?') ? query.slice(query.indexOf('?') + 1) : query;
  const verdict = readAuthorizationRequest(oauth.app, new URLSearchParams(text));
  if (verdict.kind === 'page-error') throw new Error(`fake Discord: ${verdict.title}: ${verdict.message}`);
  if (verdict.kind === 'redirect') return verdict.location;
  if (!oauth.guilds.isPerson(userId)) throw new Error(`fake Discord: no user ${userId}; add them to a guild or with addUser()`);
  return issue(oauth, verdict.request, userId);
}

export function oauthAuthorizeRoutes(oauth: OAuthContext): Route[] {
  const signedIn = () => (oauth.browser.userId !== null && oauth.guilds.isPerson(oauth.browser.userId) ? oauth.guilds.user(oauth.browser.userId) : null);
  const applicationName = oauth.app.name;

  return [
    {
      method: 'GET',
      path: AUTHORIZE_PATH,
      auth: 'none',
      site: true,
      handle(request) {
        const verdict = readAuthorizationRequest(oauth.app, request.query);
        if (verdict.kind === 'page-error') return html(400, errorPage(verdict.title, verdict.message));
        if (verdict.kind === 'redirect') return redirect(verdict.location);
        const { request: authorization } = verdict;
        const user = signedIn();
        if (!user) return html(200, accountPage({ applicationName, users: oauth.guilds.people(), params: authorization.params }));
        if (authorization.prompt === 'none' && oauth.store.covers(user.id, authorization.scopes)) return redirect(issue(oauth, authorization, user.id));
        return html(200, consentPage({ applicationName, user, scopes: authorization.scopes, params: authorization.params }));
      },
    },
    {
      method: 'POST',
      path: AUTHORIZE_PATH,
      auth: 'none',
      site: true,
      body: 'form',
      handle(request) {
        const form = request.form;
        if (!form) return html(400, errorPage('Bad request', 'This page takes the form it shows (application/x-www-form-urlencoded).'));
        const verdict = readAuthorizationRequest(oauth.app, form);
        if (verdict.kind === 'page-error') return html(400, errorPage(verdict.title, verdict.message));
        if (verdict.kind === 'redirect') return redirect(verdict.location);
        const { request: authorization } = verdict;
        const decision = form.get('decision') ?? '';
        switch (decision) {
          case 'authorize': {
            const user = signedIn();
            return user ? redirect(issue(oauth, authorization, user.id)) : backTo(authorization);
          }
          case 'cancel':
            return redirect(deniedLocation(authorization));
          case 'sign_in': {
            const userId = form.get('user_id') ?? '';
            if (!oauth.guilds.isPerson(userId)) return html(400, errorPage('Unknown user', `No user has the id "${userId}".`));
            oauth.browser.userId = userId;
            return backTo(authorization);
          }
          case 'switch_account':
            oauth.browser.userId = null;
            return backTo(authorization);
          default:
            return html(400, errorPage('Bad request', `"${decision}" is not something this page can do.`));
        }
      },
    },
  ];
}
