// The frame of every dashboard page: our stylesheet and htmx, both served from this site (no
// CDN), no inline script or style. The session's CSRF token rides on every htmx request as the
// x-csrf-token header (hx-headers on <body>); plain forms carry it in a hidden field. htmx does
// not carry style attributes over a swap, which the policy would refuse.
import type { DashboardSession } from '../../store/repositories.ts';
import { contentSecurityPolicy } from '../../web/security-headers.ts';
import { escapeHtml } from '../escape-html.ts';

/** Pages run our scripts and post forms to this site; nothing else. */
export const PAGE_POLICY = contentSecurityPolicy({ scriptSrc: ["'self'"], connectSrc: ["'self'"], formAction: ["'self'"] });

/** `extra`: the analytics banner or script for this visitor (analytics-consent.ts), if any. */
export function layout(title: string, body: string, session?: DashboardSession, extra = ''): string {
  const headers = session ? ` hx-headers='${escapeHtml(JSON.stringify({ 'x-csrf-token': session.csrfToken }))}'` : '';
  const account = session
    ? `<form method="post" action="/auth/logout" class="logout"><input type="hidden" name="csrf" value="${escapeHtml(session.csrfToken)}"><span>${escapeHtml(session.username)}</span> <button type="submit">Log out</button></form>`
    : `<a class="button" href="/auth/discord/login">Log in with Discord</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"attributesToSettle":["class","width","height"]}'>
<title>${escapeHtml(title)} · AniTrack</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/dashboard.js" defer></script>
</head>
<body${headers}>
<header class="top"><a class="brand" href="/">AniTrack</a><nav><a href="/servers">My servers</a> · <a href="/billing">My billing</a> · <a href="/me/data">My data</a></nav>${account}</header>
<main>${body}</main>
<footer><a href="/commands">Commands</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/api/v1/openapi.json">API</a></footer>
${extra}
</body>
</html>`;
}
