// A browser without a browser: fetch with a cookie jar and manual redirects, so a test can
// follow the login flow step by step and tamper with it (a forged state, a dropped cookie).
export interface WebClient {
  cookies: Map<string, string>;
  request(url: string, init?: RequestInit): Promise<Response>;
  /** Logs in as the user through the local Discord; returns the final location after the callback. */
  login(userId: string, next?: string): Promise<{ status: number; location: string | null }>;
  copy(): WebClient;
}

interface Consent {
  approveOAuth(query: string, userId: string): string;
}

export function webClient(address: string, discord: Consent, cookies = new Map<string, string>()): WebClient {
  const client: WebClient = {
    cookies,
    async request(url, init = {}) {
      const headers = new Headers(init.headers);
      if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
      const response = await fetch(url.startsWith('http') ? url : `${address}${url}`, { ...init, headers, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const [name, ...rest] = pair!.split('=');
        const value = rest.join('=');
        const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
        if (expired || value === '') cookies.delete(name!.trim());
        else cookies.set(name!.trim(), value);
      }
      return response;
    },
    async login(userId, next) {
      const start = await client.request(`/auth/discord/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`);
      const consent = start.headers.get('location');
      if (start.status !== 302 || !consent) throw new Error(`login did not redirect to Discord (${start.status})`);
      const callback = await client.request(discord.approveOAuth(consent, userId));
      return { status: callback.status, location: callback.headers.get('location') };
    },
    copy: () => webClient(address, discord, new Map(cookies)),
  };
  return client;
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
