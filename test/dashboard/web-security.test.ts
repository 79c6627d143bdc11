import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../src/dashboard/same-origin-path.ts';
import { sessionCookie } from '../../src/dashboard/session-cookie.ts';

describe('the session cookie', () => {
  it('is __Host- prefixed, Secure, HttpOnly and SameSite=Lax on https, and plain on a local http install', () => {
    expect(sessionCookie('https://anitrack.example', 3600)).toEqual({
      name: '__Host-anitrack_session',
      options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 3600 },
    });
    expect(sessionCookie('http://127.0.0.1:3000', 3600)).toMatchObject({ name: 'anitrack_session', options: { secure: false, httpOnly: true } });
  });
});

describe('where a browser may go after logging in', () => {
  const site = 'https://anitrack.example';
  it('keeps paths on this site and refuses anything that would leave it', () => {
    expect(sameOriginPath('/servers/1?tab=log', site)).toBe('/servers/1?tab=log');
    expect(sameOriginPath('/servers/../me/data', site)).toBe('/me/data');
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\tevil',
      '',
      undefined,
      42,
      `/${'a'.repeat(600)}`,
    ]) {
      expect(sameOriginPath(next, site)).toBeUndefined();
    }
  });
});
