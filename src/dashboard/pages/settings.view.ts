// The HTML of a server's configuration page: the notification channel picker, the settings
// form, role locks and dashboard roles. Each section is also the fragment htmx swaps in after a
// change; every form also works as a plain form. Every value is escaped where it is written.
import type { LocksAnswer, ServerSettingsView } from '../api/server-config.schemas.ts';
import { TIER_NAMES } from '../../domain/tiers.ts';
import { escapeHtml as e } from '../escape-html.ts';
import type { NotifyChannelChoice, ServerRole } from '../server-from-discord.ts';
import { noticeView } from './views.ts';

/** What Discord could not tell (the bot is not in the server, say), in place of a list. */
export type Unavailable = { unavailable: string };
export type OrUnavailable<T> = T | Unavailable;
const isUnavailable = <T>(value: OrUnavailable<T>): value is Unavailable => typeof value === 'object' && value !== null && 'unavailable' in value;

export interface SettingsLimits {
  reminder: { min: number; max: number };
  delay: { min: number; max: number };
  languages: readonly { name: string; value: string }[];
}

export interface ConfigPage {
  guild: { id: string; name: string };
  csrfToken: string;
  channelId: string | null;
  channels: OrUnavailable<NotifyChannelChoice[]>;
  settings: ServerSettingsView;
  /** Whether the server's tier applies a delay after airing; without it the field is held and cannot be changed here. */
  customTiming: boolean;
  limits: SettingsLimits;
  locks: LocksAnswer;
  roles: OrUnavailable<ServerRole[]>;
  /** Only the server's managers (not dashboard roles' members) change who may use the dashboard. */
  mayChangeDashboardRoles: boolean;
}

const csrfField = (token: string) => `<input type="hidden" name="csrf" value="${e(token)}">`;

/** A form that posts to `action`, by htmx into `target` when scripts run, or as a plain form. */
function form(action: string, target: string, csrfToken: string, inner: string, className = ''): string {
  return `<form method="post" action="${e(action)}" hx-post="${e(action)}" hx-target="${target}" hx-swap="outerHTML"${className ? ` class="${className}"` : ''}>${csrfField(csrfToken)}${inner}</form>`;
}

function channelLabel(channel: NotifyChannelChoice): string {
  const kind = channel.kind === 'announcement' ? ' (announcements)' : '';
  return channel.missing.length === 0 ? `#${channel.name}${kind}` : `#${channel.name}${kind} — missing ${channel.missing.join(', ')}`;
}

export function channelSection(page: ConfigPage): string {
  const base = `/servers/${e(page.guild.id)}/channel`;
  const heading = '<h2>Notification channel</h2>';
  if (isUnavailable(page.channels)) return `<section id="channel-section">${heading}<p>${e(page.channels.unavailable)}</p></section>`;
  const current = page.channels.find((channel) => channel.id === page.channelId);
  const options = page.channels
    .map((channel) => {
      const selected = channel.id === page.channelId ? ' selected' : '';
      // A channel the bot cannot post in cannot be picked; its label says what is missing.
      const disabled = channel.missing.length > 0 && channel.id !== page.channelId ? ' disabled' : '';
      return `<option value="${e(channel.id)}"${selected}${disabled}>${e(channelLabel(channel))}</option>`;
    })
    .join('');
  const placeholder = page.channelId ? '' : '<option value="" selected disabled>Pick a channel</option>';
  const now = page.channelId
    ? `<p>Notifications go to <strong>${e(current ? `#${current.name}` : 'a channel that no longer exists')}</strong>.</p>`
    : '<p>No channel yet: notifications are off.</p>';
  const warning =
    current && current.missing.length > 0
      ? noticeView(`AniTrack is missing ${current.missing.join(', ')} in #${current.name}: notifications may fail there.`, true)
      : '';
  const pick = form(
    base,
    '#channel-section',
    page.csrfToken,
    `<label for="channel">Post notifications in</label><div class="row"><select id="channel" name="channelId" required>${placeholder}${options}</select><button type="submit">Save channel</button></div>`,
  );
  const stop = page.channelId
    ? form(`${base}/remove`, '#channel-section', page.csrfToken, '<button class="secondary" type="submit">Stop notifications</button>')
    : '';
  return `<section id="channel-section">${heading}${now}${warning}${pick}${stop}<p class="meta">Channels where AniTrack lacks View Channel, Send Messages, Embed Links or Manage Webhooks cannot be picked. Saving creates AniTrack's webhook there and posts a welcome message.</p></section>`;
}

export function settingsSection(page: ConfigPage): string {
  const { settings, limits } = page;
  const languages = limits.languages
    .map((language) => `<option value="${e(language.value)}"${language.value === settings.titleLanguage ? ' selected' : ''}>${e(language.name)}</option>`)
    .join('');
  const number = (id: string, name: string, value: number, range: { min: number; max: number }) =>
    `<input id="${id}" name="${name}" type="number" inputmode="numeric" required min="${range.min}" max="${range.max}" step="1" value="${value}">`;
  const fields = `<div class="fields">
<label for="title-language">Titles in</label><select id="title-language" name="titleLanguage">${languages}</select>
<label for="reminder">Reminder, minutes before an episode airs (0: no reminder)</label>${number('reminder', 'reminderOffsetMinutes', settings.reminderOffsetMinutes ?? 0, limits.reminder)}
<label for="delay">Post the notification this many minutes after it airs</label>${delayField(page, number('delay', 'postAirDelayMinutes', settings.postAirDelayMinutes, limits.delay))}
</div><button type="submit">Save settings</button>`;
  return `<section id="settings-section"><h2>Settings</h2>${form(`/servers/${e(page.guild.id)}/settings`, '#settings-section', page.csrfToken, fields)}</section>`;
}

// On a tier without custom timing the delay is shown but not sent (a disabled field is left out
// of the form): a stored one is held, and comes back with the tier.
function delayField(page: ConfigPage, input: string): string {
  if (page.customTiming) return input;
  const held = page.settings.postAirDelayMinutes > 0 ? 'held: needs' : 'needs';
  const note = `<span class="meta" data-testid="delay-held">${held} ${e(TIER_NAMES.supporter_plus)}: on this server's tier notifications post as the episode airs</span>`;
  return `<div>${input.replace('<input ', '<input disabled ')}${note}</div>`;
}

export function rolesSection(page: ConfigPage): string {
  const heading = '<h2>Role locks and dashboard access</h2>';
  if (isUnavailable(page.roles)) return `<section id="roles-section">${heading}<p>${e(page.roles.unavailable)}</p></section>`;
  const roles = page.roles;
  const names = new Map(roles.map((role) => [role.id, role.name]));
  const roleName = (id: string) => (names.has(id) ? `@${names.get(id)}` : 'a deleted role');
  const action = `/servers/${e(page.guild.id)}/locks`;
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${e(value)}">`;
  const removeButton = (command: string, roleId: string, label: string) =>
    form(
      action,
      '#roles-section',
      page.csrfToken,
      `${hidden('command', command)}${hidden('roleId', roleId)}${hidden('enable', 'false')}<button class="secondary small" type="submit" aria-label="${e(label)}">Remove</button>`,
      'inline',
    );
  // Bots' and integrations' roles cannot be given to members, so they are not offered.
  const roleOptions =
    '<option value="" selected disabled>Pick a role</option>' +
    roles
      .filter((role) => !role.managed)
      .map((role) => `<option value="${e(role.id)}">@${e(role.name)}</option>`)
      .join('');

  const locks =
    page.locks.locks.length === 0
      ? '<li>No command is limited: every member may use them all.</li>'
      : page.locks.locks
          .map(
            (lock) =>
              `<li data-testid="lock"><span><code>/anime ${e(lock.command)}</code> is limited to ${e(roleName(lock.roleId))}</span>${removeButton(lock.command, lock.roleId, `Remove the lock of /anime ${lock.command} to ${roleName(lock.roleId)}`)}</li>`,
          )
          .join('');
  const commandOptions = page.locks.lockable.map((command) => `<option value="${e(command)}">/anime ${e(command)}</option>`).join('');
  const addLock = form(
    action,
    '#roles-section',
    page.csrfToken,
    `${hidden('enable', 'true')}<label for="lock-command">Limit</label><select id="lock-command" name="command">${commandOptions}</select><label for="lock-role">to members with</label><select id="lock-role" name="roleId" required>${roleOptions}</select><button type="submit">Add lock</button>`,
    'row',
  );

  const dashboardRoles =
    page.locks.dashboardRoles.length === 0
      ? '<li>Only server managers (Manage Server or Administrator) may manage this server here.</li>'
      : page.locks.dashboardRoles
          .map(
            (roleId) =>
              `<li data-testid="dashboard-role"><span>${e(roleName(roleId))}</span>${page.mayChangeDashboardRoles ? removeButton('dashboard', roleId, `Take dashboard access from ${roleName(roleId)}`) : ''}</li>`,
          )
          .join('');
  const addDashboardRole = page.mayChangeDashboardRoles
    ? form(
        action,
        '#roles-section',
        page.csrfToken,
        `${hidden('enable', 'true')}${hidden('command', 'dashboard')}<label for="dashboard-role">Let members with</label><select id="dashboard-role" name="roleId" required>${roleOptions}</select><span>manage this server here</span><button type="submit">Give access</button>`,
        'row',
      )
    : '<p class="meta">Only server managers change who may use the dashboard.</p>';

  return `<section id="roles-section">${heading}
<h3>Commands limited to roles</h3><p class="meta">Server managers may always use every command.</p><ul class="locks">${locks}</ul>${addLock}
<h3>Who may manage this server here</h3><p class="meta">Besides the server's managers, members of these roles may use this dashboard for this server.</p><ul class="locks">${dashboardRoles}</ul>${addDashboardRole}
</section>`;
}

export function configPageView(page: ConfigPage, notice?: { text: string; error: boolean }): string {
  return `<p class="crumbs"><a href="/servers/${e(page.guild.id)}">← ${e(page.guild.name)}</a></p>
<h1>${e(page.guild.name)}: channel, settings and roles</h1>
<div id="notice">${notice ? noticeView(notice.text, notice.error) : ''}</div>
${channelSection(page)}
${settingsSection(page)}
${rolesSection(page)}`;
}
