// What the OAuth2 stand-in remembers: authorization codes, and the authorizations made from
// them with their access and refresh tokens. A code is random, single use and lives 10 minutes
// (RFC 6749 §4.1.2's recommended maximum), bound to the client, redirect URI, scopes, user and
// PKCE challenge it was issued for. An authorization is one grant of scopes by one user; its
// tokens die together when it is revoked (Discord's docs: revoking any token revokes the whole
// authorization), and when its code is presented again (§4.1.2: a reused code SHOULD revoke what
// it produced). A refresh rotates the refresh token: the old one stops working at once.
import { createHash, randomBytes } from 'node:crypto';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Discord's access tokens last a week: expires_in 604800. */
export const ACCESS_TOKEN_LIFETIME_S = 604_800;

export interface CodeBinding {
  clientId: string;
  /** The redirect_uri the authorization request named; null when it named none (the registered one was used). */
  redirectUri: string | null;
  /** Where the browser was sent. */
  effectiveRedirectUri: string;
  scopes: string[];
  userId: string;
  /** The S256 code_challenge, or null when the request used no PKCE. */
  codeChallenge: string | null;
}

export interface Authorization {
  id: number;
  userId: string;
  scopes: string[];
  createdAt: number;
  revoked: 'revoked' | 'code replayed' | null;
  refreshes: number;
  refreshToken: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

export interface LiveAccess {
  authorization: Authorization;
  expiresAt: number;
}

/** A token request's failure, as RFC 6749 §5.2 names it. */
export type Refusal = { error: 'invalid_grant' | 'invalid_scope'; description: string };

interface PendingCode extends CodeBinding {
  expiresAt: number;
  /** Set once exchanged, so a second use can find what to revoke. */
  redeemedBy: Authorization | null;
}

export interface OAuthStore {
  issueCode(binding: CodeBinding): string;
  /** RFC 6749 §4.1.3 and RFC 7636 §4.6. */
  redeemCode(code: string, presented: { clientId: string; redirectUri: string | null; codeVerifier: string | null }): IssuedTokens | Refusal;
  refresh(refreshToken: string, clientScope: string[] | null): IssuedTokens | Refusal;
  /** RFC 7009: revokes the authorization the token belongs to; unknown tokens are fine. */
  revoke(token: string): void;
  /** The access token's authorization when the token is known, unexpired and not revoked. */
  access(token: string): LiveAccess | undefined;
  /** Whether the user has a live authorization covering these scopes (for prompt=none). */
  covers(userId: string, scopes: readonly string[]): boolean;
  expireAccessTokens(userId?: string): void;
  authorizations(): Authorization[];
}

export function createOAuthStore(now: () => number): OAuthStore {
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, { authorization: Authorization; expiresAt: number }>();
  const refreshTokens = new Map<string, Authorization>();
  const authorizations: Authorization[] = [];

  function tokensFor(authorization: Authorization): IssuedTokens {
    const accessToken = opaqueToken();
    accessTokens.set(accessToken, { authorization, expiresAt: now() + ACCESS_TOKEN_LIFETIME_S * 1000 });
    refreshTokens.delete(authorization.refreshToken);
    authorization.refreshToken = opaqueToken();
    refreshTokens.set(authorization.refreshToken, authorization);
    return { accessToken, refreshToken: authorization.refreshToken, expiresIn: ACCESS_TOKEN_LIFETIME_S, scopes: [...authorization.scopes] };
  }

  function revokeAuthorization(authorization: Authorization, reason: 'revoked' | 'code replayed') {
    authorization.revoked ??= reason;
    refreshTokens.delete(authorization.refreshToken);
    for (const [token, entry] of accessTokens) if (entry.authorization === authorization) accessTokens.delete(token);
  }

  const invalid = (field: string): Refusal => ({ error: 'invalid_grant', description: `Invalid "${field}" in request.` });

  return {
    issueCode(binding) {
      const code = opaqueToken();
      codes.set(code, { ...binding, scopes: [...binding.scopes], expiresAt: now() + CODE_LIFETIME_MS, redeemedBy: null });
      return code;
    },
    redeemCode(code, presented) {
      const pending = codes.get(code);
      if (!pending || pending.clientId !== presented.clientId) return invalid('code');
      if (pending.redeemedBy) {
        revokeAuthorization(pending.redeemedBy, 'code replayed');
        return invalid('code');
      }
      if (now() >= pending.expiresAt) {
        codes.delete(code);
        return invalid('code');
      }
      // §4.1.3: identical to the authorization request's redirect_uri when that one had it.
      const redirectOk =
        pending.redirectUri === null
          ? presented.redirectUri === null || presented.redirectUri === pending.effectiveRedirectUri
          : presented.redirectUri === pending.redirectUri;
      if (!redirectOk) return invalid('redirect_uri');
      if (!pkceMatches(pending.codeChallenge, presented.codeVerifier)) return invalid('code_verifier');

      const authorization: Authorization = {
        id: authorizations.length + 1,
        userId: pending.userId,
        scopes: pending.scopes,
        createdAt: now(),
        revoked: null,
        refreshes: 0,
        refreshToken: '',
      };
      authorizations.push(authorization);
      pending.redeemedBy = authorization;
      return tokensFor(authorization);
    },
    refresh(refreshToken, clientScope) {
      const authorization = refreshTokens.get(refreshToken);
      if (!authorization || authorization.revoked) return invalid('refresh_token');
      // RFC 6749 §6: a refresh may narrow the scopes, never widen them.
      if (clientScope && !clientScope.every((scope) => authorization.scopes.includes(scope))) {
        return { error: 'invalid_scope', description: 'The requested scope exceeds the scope granted by the resource owner.' };
      }
      if (clientScope) authorization.scopes = authorization.scopes.filter((scope) => clientScope.includes(scope));
      authorization.refreshes++;
      return tokensFor(authorization);
    },
    revoke(token) {
      const authorization = accessTokens.get(token)?.authorization ?? refreshTokens.get(token);
      if (authorization) revokeAuthorization(authorization, 'revoked');
    },
    access(token) {
      const entry = accessTokens.get(token);
      if (!entry || entry.authorization.revoked || now() >= entry.expiresAt) return undefined;
      return { authorization: entry.authorization, expiresAt: entry.expiresAt };
    },
    covers: (userId, scopes) =>
      authorizations.some(
        (authorization) => authorization.userId === userId && !authorization.revoked && scopes.every((scope) => authorization.scopes.includes(scope)),
      ),
    expireAccessTokens(userId) {
      for (const entry of accessTokens.values())
        if (userId === undefined || entry.authorization.userId === userId) entry.expiresAt = Math.min(entry.expiresAt, now());
    },
    authorizations: () => authorizations.map((authorization) => ({ ...authorization, scopes: [...authorization.scopes] })),
  };
}

/**
 * RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. A verifier sent
 * for a code issued without a challenge is refused too (RFC 9700 §2.1.1), so a client cannot
 * be downgraded without noticing.
 */
function pkceMatches(challenge: string | null, verifier: string | null): boolean {
  if (challenge === null) return verifier === null;
  if (verifier === null || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}

/** 30 letters and digits, the look of Discord's codes and tokens in its docs' examples. */
function opaqueToken(): string {
  let token = '';
  while (token.length < 30) token += randomBytes(32).toString('base64url').replace(/[-_]/g, '');
  return token.slice(0, 30);
}
