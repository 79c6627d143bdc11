// The OAuth2 endpoints do not answer Discord's {"message","code"} bodies: their errors are
// RFC 6749 §5.2 bodies, {"error": <code>, "error_description"?: <text>}, with 400, or 401 for a
// client that failed to authenticate. Handlers throw OAuthError; the server turns it into the
// response, as it does ApiError.

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${error}${description ? `: ${description}` : ''}`);
  }

  get body(): { error: OAuthErrorCode; error_description?: string } {
    return this.description === undefined ? { error: this.error } : { error: this.error, error_description: this.description };
  }
}

export const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);
export const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);
export const invalidScope = (description: string) => new OAuthError(400, 'invalid_scope', description);

/**
 * Discord answers a bad or missing client credential with a bare {"error":"invalid_client"}.
 * RFC 6749 §5.2 asks for a WWW-Authenticate challenge when the client tried HTTP Basic.
 */
export const invalidClient = (triedBasic: boolean) =>
  new OAuthError(401, 'invalid_client', undefined, triedBasic ? { 'WWW-Authenticate': 'Basic realm="OAuth2"' } : {});

/**
 * Discord reads grant_type before anything else, so a body it cannot read (JSON, or a form
 * without grant_type) gets this rather than invalid_request (discord-api-docs#645, #5249).
 */
export const unsupportedGrantType = (grantType: string | null) =>
  new OAuthError(400, 'unsupported_grant_type', `Grant type ${grantType ?? 'None'} is not supported`);
