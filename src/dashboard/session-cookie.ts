// The cookie that holds a dashboard session's id. On https it carries the __Host- prefix, which
// browsers accept only when it is Secure, has Path=/ and no Domain: no other site (not even a
// subdomain) can set or overwrite it.
import type { CookieSerializeOptions } from '@fastify/cookie';

export interface SessionCookie {
  name: string;
  options: CookieSerializeOptions;
}

export function sessionCookie(publicUrl: string, maxAgeSeconds: number): SessionCookie {
  const secure = new URL(publicUrl).protocol === 'https:';
  return {
    name: secure ? '__Host-anitrack_session' : 'anitrack_session',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds },
  };
}
