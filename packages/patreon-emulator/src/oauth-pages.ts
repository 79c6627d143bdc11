// The stand-in's consent screen as HTML: plain forms and no script, so a real browser can click
// through it and a test can read it as text. Every value from a request or a test is escaped.
import type { PatreonUser } from './records.ts';
import { SCOPES } from './oauth-request.ts';

export const AUTHORIZE_PATH = '/oauth2/authorize';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function form(params: URLSearchParams, inner: string): string {
  const hidden = [...params].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  return `<form method="post" action="${AUTHORIZE_PATH}">
${hidden.join('\n')}
${inner}
</form>`;
}

export function consentPage(input: { clientName: string; user: PatreonUser; scopes: readonly string[]; params: URLSearchParams }): string {
  const client = escapeHtml(input.clientName);
  const scopes = input.scopes.map((scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(SCOPES[scope] ?? scope)}</li>`);
  return page(
    `Allow ${input.clientName} to access your Patreon account`,
    `<h1>${client} would like to access your Patreon account</h1>
<p>Logged in as <strong>${escapeHtml(input.user.fullName)}</strong></p>
${form(input.params, '<button type="submit" name="decision" value="switch_account">Not you? Log in as someone else</button>')}
<p>${client} will be able to:</p>
<ul>
${scopes.join('\n')}
</ul>
${form(input.params, '<button type="submit" name="decision" value="deny">Deny</button>\n<button type="submit" name="decision" value="allow">Allow</button>')}`,
  );
}

export function signInPage(input: { clientName: string; users: readonly PatreonUser[]; params: URLSearchParams }): string {
  const choices = input.users.map(
    (user) =>
      `<li>${form(
        input.params,
        `<input type="hidden" name="user_id" value="${escapeHtml(user.id)}">
<button type="submit" name="decision" value="sign_in">Log in as ${escapeHtml(user.fullName)}</button>`,
      )}</li>`,
  );
  return page(
    'Log in to Patreon',
    `<h1>Log in to continue to ${escapeHtml(input.clientName)}</h1>
<ul>
${choices.join('\n')}
</ul>`,
  );
}

export const errorPage = (title: string, message: string) => page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
