// Dashboard sessions: a random id in the browser's cookie, its SHA-256 in the database (so a
// copy of the database opens no session), Discord's tokens sealed beside it, and a CSRF token
// of the session's own that every state-changing request must send back.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DashboardSession, SessionsRepository } from '../store/repositories.ts';
import type { DiscordTokens } from './discord-user-api.ts';

export interface Sessions {
  /** Starts a session for the user; returns the id for the cookie. */
  start(user: { id: string; username: string }, tokens: DiscordTokens): Promise<{ id: string; session: DashboardSession }>;
  find(id: string | undefined): Promise<DashboardSession | undefined>;
  /** Ends the session; returns it so that its Discord tokens can be revoked. */
  end(id: string): Promise<DashboardSession | undefined>;
  saveTokens(session: DashboardSession, tokens: DiscordTokens): Promise<DashboardSession>;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
// 256 bits, base64url: the shape a session id is checked for before any lookup.
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function createSessions(deps: { repository: SessionsRepository; now(): number; lifetimeMs: number }): Sessions {
  const { repository } = deps;
  return {
    async start(user, tokens) {
      const id = randomBytes(32).toString('base64url');
      const now = deps.now();
      const session: DashboardSession = {
        idHash: hashOf(id),
        userId: user.id,
        username: user.username,
        csrfToken: randomBytes(32).toString('base64url'),
        ...tokens,
        createdAt: now,
        expiresAt: now + deps.lifetimeMs,
      };
      await repository.create(session);
      return { id, session };
    },
    async find(id) {
      if (!id || !SESSION_ID.test(id)) return undefined;
      return repository.get(hashOf(id), deps.now());
    },
    end: (id) => (SESSION_ID.test(id) ? repository.delete(hashOf(id)) : Promise.resolve(undefined)),
    async saveTokens(session, tokens) {
      await repository.updateTokens(session.idHash, tokens);
      return { ...session, ...tokens };
    },
  };
}

/** Whether `sent` is the session's CSRF token, compared in constant time. */
export function csrfTokenMatches(session: DashboardSession, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
