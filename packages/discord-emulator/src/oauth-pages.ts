// The HTML of the stand-in's authorization screen: plain forms, no script, so a real browser
// (Playwright, Chromium) can click through it and a test can read it as text. Every value that
// came from a request or a test (names, scopes, state) is escaped before it is written.
import type { FakeUser } from './guild-model.ts';

export const AUTHORIZE_PATH = '/oauth2/authorize';

const SCOPE_TEXT: Record<string, string> = {
  identify: 'See your username, avatar and banner',
  email: 'See your email address',
  guilds: 'See which servers you are in',
  'guilds.join': 'Add you to servers',
  'guilds.members.read': 'Read your member details (nickname, roles) in your servers',
  connections: 'See the accounts you linked to Discord',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const displayName = (user: FakeUser) => user.globalName ?? user.username;

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

/** The authorization parameters as hidden fields, so the form posts back exactly what was asked. */
function hiddenFields(params: URLSearchParams): string {
  return [...params].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
}

function form(params: URLSearchParams, inner: string): string {
  return `<form method="post" action="${AUTHORIZE_PATH}">
${hiddenFields(params)}
${inner}
</form>`;
}

export function consentPage(input: { applicationName: string; user: FakeUser; scopes: readonly string[]; params: URLSearchParams }): string {
  const app = escapeHtml(input.applicationName);
  const scopes = input.scopes.map((scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(SCOPE_TEXT[scope] ?? `Use the "${scope}" scope`)}</li>`);
  return page(
    `Authorize ${input.applicationName}`,
    `<h1>${app} wants to access your Discord account</h1>
<p>Signed in as <strong>${escapeHtml(displayName(input.user))}</strong> (${escapeHtml(input.user.username)})</p>
${form(input.params, '<button type="submit" name="decision" value="switch_account">Not you? Use another account</button>')}
<p>This will allow ${app} to:</p>
<ul>
${scopes.join('\n')}
</ul>
${form(input.params, '<button type="submit" name="decision" value="cancel">Cancel</button>\n<button type="submit" name="decision" value="authorize">Authorize</button>')}`,
  );
}

export function accountPage(input: { applicationName: string; users: readonly FakeUser[]; params: URLSearchParams }): string {
  const choices = input.users.map(
    (user) =>
      `<li>${form(
        input.params,
        `<input type="hidden" name="user_id" value="${escapeHtml(user.id)}">
<button type="submit" name="decision" value="sign_in">Continue as ${escapeHtml(displayName(user))}</button>`,
      )}</li>`,
  );
  return page(
    'Sign in to Discord',
    `<h1>Sign in to continue to ${escapeHtml(input.applicationName)}</h1>
${choices.length > 0 ? `<ul>\n${choices.join('\n')}\n</ul>` : '<p>This Discord knows no users yet: add a guild member or call addUser().</p>'}`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
