// The notification people see. Pure: the same delivery renders the same messages. The embed and
// the words before the pings come from the kind (kinds.ts); every kind gets the bell, and the
// subscribers' pings follow the embed, split over as many messages as Discord's limits need.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';
import { bellCustomId } from '../domain/bell.ts';
import { NOTIFICATION_KINDS } from './kinds.ts';
import { mentionChunks } from './mentions.ts';
import type { RenderInput } from './render-input.ts';

export type { RenderInput } from './render-input.ts';
export type WebhookMessage = RESTPostAPIWebhookWithTokenJSONBody;

export function renderNotification(input: RenderInput): WebhookMessage[] {
  const { embed, pingLead } = NOTIFICATION_KINDS[input.kind].render(input);
  const [first, ...rest] = mentionChunks(input.subscribers, input.subscribers.length > 0 ? pingLead : '');
  const bell: APIActionRowComponent<APIButtonComponentWithCustomId> = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: bellCustomId(input.media.id),
        emoji: { name: '🔔' },
        label: 'Ping me for new episodes',
      },
    ],
  };
  return [
    { content: first?.content ?? '', embeds: [embed], components: [bell], allowed_mentions: { parse: [], users: first?.userIds ?? [] } },
    ...rest.map((chunk) => ({ content: chunk.content, allowed_mentions: { parse: [], users: chunk.userIds } })),
  ];
}
