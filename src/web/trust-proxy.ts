import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Fastify's trustProxy for our TRUST_PROXY setting. Fastify 5 turned a bare hop count into
 * "trust nobody" (a client that reaches the port directly could spoof the header), which would
 * leave every client behind the proxy counted as the proxy's one address; the operator who sets
 * a count says the proxies are in front, so that many hops are trusted, as the setting documents.
 */
export function trustProxyOption(setting: Config['TRUST_PROXY'] | undefined): NonNullable<FastifyServerOptions['trustProxy']> {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting ?? false;
}
