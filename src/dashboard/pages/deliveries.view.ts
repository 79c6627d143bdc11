// The "Why did or didn't it post?" page: the channel check, the next notification drawn as
// Discord will show it, the test send, and the delivery log as a table. Statuses are words
// and colours (classes in dashboard.css).
import type { ChannelCheck, DeliveryEntry, NotificationPreview, TestNotificationResult } from '../api/delivery-schemas.ts';
import { escapeHtml as e } from '../escape-html.ts';
import { localTime, messageCard } from './embed-card.view.ts';
import { noticeView } from './views.ts';

export interface DeliveriesPage {
  guild: { id: string; name: string };
  check: ChannelCheck;
  preview: NotificationPreview;
  log: { deliveries: DeliveryEntry[]; nextBefore: number | null };
  /** The page shows an older part of the log (?before=). */
  older: boolean;
  csrfToken: string;
  notice?: { text: string; error: boolean } | undefined;
}

export function deliveriesView(page: DeliveriesPage): string {
  const { guild } = page;
  return `<p><a href="/servers/${e(guild.id)}">← ${e(guild.name)}</a></p>
<h1>Why did or didn't it post?</h1>
<div id="notice">${page.notice ? noticeView(page.notice.text, page.notice.error) : ''}</div>
<section><h2>The notification channel</h2>${channelCheckView(page.check)}</section>
<section><h2>The next notification</h2>${previewView(page.preview)}</section>
<section><h2>Test send</h2>${testSendForm(guild.id, page.csrfToken)}</section>
<section><h2>Delivery log</h2>${deliveryLogView(guild.id, page.log, page.older)}</section>
<script src="/assets/local-times.js" defer></script>`;
}

export function channelCheckView(check: ChannelCheck): string {
  const where = check.channelName ? `#${e(check.channelName)}` : check.channelId ? `channel ${e(check.channelId)}` : 'no channel';
  const summary = check.ok
    ? `<p class="check ok" data-testid="channel-check">AniTrack can post in <strong>${where}</strong>: it has every permission it needs there, and its webhook is in place.</p>`
    : `<div class="check problem" data-testid="channel-check"><p>Notifications cannot be posted as things are (<strong>${where}</strong>):</p><ul>${check.problems.map((problem) => `<li>${e(problem)}</li>`).join('')}</ul></div>`;
  const permissions =
    check.permissions.length === 0
      ? ''
      : `<ul class="permissions">${check.permissions
          .map((permission) =>
            permission.granted
              ? `<li class="granted" data-testid="permission">✓ ${e(permission.name)}</li>`
              : `<li class="missing" data-testid="permission">✗ ${e(permission.name)} (missing)</li>`,
          )
          .join('')}</ul>`;
  const webhook = WEBHOOK_WORDS[check.webhook];
  return `${summary}${permissions}<p class="meta">Webhook: ${e(webhook)}</p>`;
}

const WEBHOOK_WORDS: Record<ChannelCheck['webhook'], string> = {
  ok: 'in place',
  gone: 'deleted in Discord',
  moved: 'moved to another channel',
  'not-set': 'none yet',
  unchecked: 'not checked (the channel cannot be read)',
};

export function previewView(preview: NotificationPreview): string {
  if (!preview.next) return `<p data-testid="preview">${e(preview.message)}</p>`;
  const { next } = preview;
  const what = next.kind === 'reminder' ? 'The reminder' : 'The new-episode notification';
  const when = `${what} for episode ${next.episode} of <strong>${e(next.title)}</strong> goes out ${localTime(Date.parse(next.dueAt), 'f')}.`;
  return `<p>${when} This is how it will look in Discord:</p><div class="preview" data-testid="preview">${preview.messages.map(messageCard).join('')}</div>`;
}

function testSendForm(guildId: string, csrfToken: string): string {
  const action = `/servers/${e(guildId)}/test-notification`;
  return `<p>Sends one message marked "Test from the AniTrack dashboard" to the channel, and shows what Discord answered.</p>
<form method="post" action="${action}" hx-post="${action}" hx-target="#test-send-result" hx-swap="innerHTML"><input type="hidden" name="csrf" value="${e(csrfToken)}"><button type="submit">Send a test message</button></form>
<div id="test-send-result"></div>`;
}

export function testSendResultView(result: TestNotificationResult): string {
  return noticeView(result.message, result.outcome !== 'sent');
}

const KIND_WORDS: Record<string, string> = { aired: 'New episode', reminder: 'Reminder' };

export function deliveryLogView(guildId: string, log: DeliveriesPage['log'], older: boolean): string {
  if (log.deliveries.length === 0) {
    return `<p data-testid="delivery-log">${older ? 'No older notifications.' : 'No notifications planned or sent for this server yet.'}</p>`;
  }
  const rows = log.deliveries
    .map((delivery) => {
      const status = delivery.statusText.toLowerCase();
      const sent = delivery.sentAt
        ? `${localTime(Date.parse(delivery.sentAt), 'f')}${delivery.messageId ? `<br><span class="meta">message ${e(delivery.messageId)}</span>` : ''}`
        : '';
      return `<tr data-testid="delivery">
<td>${localTime(Date.parse(delivery.dueAt), 'f')}</td>
<td>${e(delivery.anime.title ?? `AniList #${delivery.anime.mediaId}`)}<br><span class="meta">episode ${delivery.episode}</span></td>
<td>${e(KIND_WORDS[delivery.kind] ?? delivery.kind)}</td>
<td><span class="status status-${e(status)}">${e(delivery.statusText)}</span></td>
<td>${delivery.attempts}</td>
<td>${e(delivery.reason ?? '')}</td>
<td>${sent}</td>
</tr>`;
    })
    .join('');
  const links = [
    older ? `<a href="/servers/${e(guildId)}/deliveries">Newest notifications</a>` : '',
    log.nextBefore === null ? '' : `<a href="/servers/${e(guildId)}/deliveries?before=${log.nextBefore}">Older notifications</a>`,
  ].filter(Boolean);
  const next = links.length > 0 ? `<p>${links.join(' · ')}</p>` : '';
  return `<table class="deliveries" data-testid="delivery-log"><thead><tr><th>Due</th><th>Anime</th><th>Kind</th><th>Status</th><th>Tries</th><th>Why</th><th>Sent</th></tr></thead><tbody>${rows}</tbody></table>${next}`;
}
