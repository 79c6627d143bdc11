// Authorization codes and tokens. A code is random, single use, lives 10 minutes and is bound to
// the client, redirect URI, scopes and user it was issued for. A token carries its scopes; a
// refresh gives a new pair and the old refresh token stops working. The creator's access token
// (the one a creator copies from the client page) is registered at start and never expires.
import { randomBytes } from 'node:crypto';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** "About a month" (31 days); Patreon's exact number is not documented. */
export const DEFAULT_TOKEN_LIFETIME_S = 31 * 24 * 60 * 60;

export interface Grant {
  kind: 'creator' | 'oauth';
  userId: string;
  clientId: string;
  scopes: ReadonlySet<string>;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

interface Authorization {
  grant: Grant;
  refreshToken: string;
  revoked: boolean;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

/** Why a token request failed: the text for error_description. */
export type Refusal = { refused: string };

export const opaqueToken = () => randomBytes(30).toString('base64url');

export function createOAuthStore(now: () => number, lifetimeSeconds: number) {
  const codes = new Map<string, PendingCode>();
  const access = new Map<string, { authorization: Authorization; expiresAt: number }>();
  const refreshTokens = new Map<string, Authorization>();
  const authorizations: Authorization[] = [];

  function issue(authorization: Authorization): IssuedTokens {
    const accessToken = opaqueToken();
    access.set(accessToken, { authorization, expiresAt: now() + lifetimeSeconds * 1000 });
    authorization.refreshToken = opaqueToken();
    refreshTokens.set(authorization.refreshToken, authorization);
    return {
      access_token: accessToken,
      refresh_token: authorization.refreshToken,
      expires_in: lifetimeSeconds,
      scope: [...authorization.grant.scopes].join(' '),
      token_type: 'Bearer',
    };
  }

  return {
    registerCreatorToken(token: string, grant: Omit<Grant, 'kind'>): void {
      const authorization: Authorization = { grant: { ...grant, kind: 'creator' }, refreshToken: '', revoked: false };
      access.set(token, { authorization, expiresAt: Number.POSITIVE_INFINITY });
    },
    issueCode(binding: Omit<PendingCode, 'expiresAt' | 'used'>): string {
      const code = randomBytes(20).toString('base64url');
      codes.set(code, { ...binding, expiresAt: now() + CODE_LIFETIME_MS, used: false });
      return code;
    },
    redeemCode(code: string, clientId: string, redirectUri: string | null): IssuedTokens | Refusal {
      const pending = codes.get(code);
      if (!pending || pending.clientId !== clientId) return { refused: 'The authorization code is unknown.' };
      if (pending.used) return { refused: 'The authorization code was already used.' };
      if (now() >= pending.expiresAt) return { refused: 'The authorization code has expired.' };
      if (redirectUri !== pending.redirectUri) return { refused: 'redirect_uri differs from the one the code was issued for.' };
      pending.used = true;
      const authorization: Authorization = {
        grant: { kind: 'oauth', userId: pending.userId, clientId, scopes: new Set(pending.scopes) },
        refreshToken: '',
        revoked: false,
      };
      authorizations.push(authorization);
      return issue(authorization);
    },
    refresh(refreshToken: string, clientId: string): IssuedTokens | Refusal {
      const authorization = refreshTokens.get(refreshToken);
      if (!authorization || authorization.revoked || authorization.grant.clientId !== clientId || authorization.refreshToken !== refreshToken) {
        return { refused: 'The refresh token is unknown, was replaced by a newer one, or was revoked.' };
      }
      refreshTokens.delete(refreshToken);
      return issue(authorization);
    },
    /** The token's grant while it is known, unexpired and not revoked. */
    grant(token: string): Grant | undefined {
      const found = access.get(token);
      return found && !found.authorization.revoked && now() < found.expiresAt ? found.authorization.grant : undefined;
    },
    expireAccessTokens(userId?: string): void {
      for (const entry of access.values()) {
        if (entry.authorization.grant.kind === 'oauth' && (userId === undefined || entry.authorization.grant.userId === userId)) entry.expiresAt = now();
      }
    },
    /** What a user removing the app from their Patreon account does: every token of theirs dies. */
    revokeUser(userId: string): void {
      for (const authorization of authorizations) if (authorization.grant.userId === userId) authorization.revoked = true;
    },
  };
}

export type OAuthStore = ReturnType<typeof createOAuthStore>;
