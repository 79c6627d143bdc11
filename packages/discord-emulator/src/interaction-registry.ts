// The interactions the fake knows: made by the builders, sent over the gateway, or registered
// by a test. Discord accepts callbacks and follow-ups only for interactions it issued, so the
// fake does too. Each keeps the responses it got, in order, so a test can read what the user
// saw, whether the product answered through the callback URL or inline in its HTTP reply.
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { isPlainObject } from './api-errors.ts';

export type InteractionResponseKind = 'callback' | 'edit-original' | 'delete-original' | 'followup' | 'edit-followup' | 'delete-followup';

export interface InteractionResponseRecord {
  kind: InteractionResponseKind;
  /** As sent: `{type, data}` for a callback, the message body for edits and follow-ups, null for deletes. */
  body: unknown;
  /** For callbacks: through POST /interactions/{id}/{token}/callback, or inline in the HTTP interaction's response. */
  via?: 'callback-url' | 'inline';
  /** The message created, edited or deleted, when there is one. */
  messageId?: string;
  at: number;
}

export interface TrackedMessage {
  message: APIMessage;
  deleted: boolean;
}

export interface RegisteredInteraction {
  id: string;
  token: string;
  /** 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 AUTOCOMPLETE, 5 MODAL_SUBMIT. */
  type: number;
  guildId: string | null;
  channelId: string | null;
  user: APIUser | null;
  commandName: string | null;
  /** For component interactions: the message the component is on. */
  sourceMessage: APIMessage | null;
  createdAt: number;
  /** The callback type that acknowledged it, once it was. */
  acknowledgedWith: number | null;
  original: TrackedMessage | null;
  followups: Map<string, TrackedMessage>;
  responses: InteractionResponseRecord[];
}

export interface InteractionRegistry {
  /** Remembers an interaction from its JSON (as Discord would send it). */
  register(payload: Record<string, unknown>, createdAt?: number): RegisteredInteraction;
  byId(id: string): RegisteredInteraction | undefined;
  byToken(token: string): RegisteredInteraction | undefined;
}

export function createInteractionRegistry(now: () => number = Date.now): InteractionRegistry {
  const byId = new Map<string, RegisteredInteraction>();
  const byToken = new Map<string, RegisteredInteraction>();
  return {
    register(payload, createdAt = now()) {
      const id = String(payload.id);
      const token = String(payload.token);
      const member = isPlainObject(payload.member) ? payload.member : undefined;
      const user = (member?.user ?? payload.user ?? null) as APIUser | null;
      const data = isPlainObject(payload.data) ? payload.data : undefined;
      const interaction: RegisteredInteraction = {
        id,
        token,
        type: typeof payload.type === 'number' ? payload.type : 2,
        guildId: typeof payload.guild_id === 'string' ? payload.guild_id : null,
        channelId: typeof payload.channel_id === 'string' ? payload.channel_id : null,
        user,
        commandName: typeof data?.name === 'string' ? data.name : null,
        sourceMessage: isPlainObject(payload.message) ? (structuredClone(payload.message) as unknown as APIMessage) : null,
        createdAt,
        acknowledgedWith: null,
        original: null,
        followups: new Map(),
        responses: [],
      };
      byId.set(id, interaction);
      byToken.set(token, interaction);
      return interaction;
    },
    byId: (id) => byId.get(id),
    byToken: (token) => byToken.get(token),
  };
}
