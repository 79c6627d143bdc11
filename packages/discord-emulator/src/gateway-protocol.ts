// Gateway constants from topics/opcodes-and-status-codes and events/gateway: opcodes, the close
// codes the fake uses, which close codes end a session for good, and which intent each event
// needs (a session only receives events its intents cover).

export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const Close = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** After these the session is gone: the client must IDENTIFY again (or stop). */
export const SESSION_ENDING_CLOSE_CODES: ReadonlySet<number> = new Set([4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** Every intent bit Discord defines (0–16, 20, 21, 24, 25); others are "invalid intents" (4013). */
export const KNOWN_INTENTS = 0x1ffff | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);

/** Privileged intents need enabling in the developer portal; otherwise 4014. */
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

export function intentFor(event: string, data: unknown): number | null {
  if (/^(GUILD_(CREATE|UPDATE|DELETE)|GUILD_ROLE_|CHANNEL_|THREAD_|STAGE_INSTANCE_)/.test(event)) return Intent.Guilds;
  if (/^GUILD_MEMBER_(ADD|UPDATE|REMOVE)$/.test(event)) return Intent.GuildMembers;
  if (/^MESSAGE_(CREATE|UPDATE|DELETE|DELETE_BULK)$/.test(event)) {
    const inGuild = typeof data === 'object' && data !== null && 'guild_id' in data;
    return inGuild ? Intent.GuildMessages : Intent.DirectMessages;
  }
  return null;
}
