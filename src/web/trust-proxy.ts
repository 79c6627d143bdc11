import { BlockList, isIP } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

/** TRUST_PROXY as parsed: off, every hop, a number of hops, or the proxies' addresses. */
export type TrustProxySetting = boolean | number | string[];

// Where a proxy of ours can be: this machine, or a private network in front of it.
const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');

function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = isIP(plain);
  return family !== 0 && PRIVATE_NETWORKS.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Fastify's trustProxy for our TRUST_PROXY setting. A hop count alone is spoofable: a client that
 * reaches the port directly sends its own X-Forwarded-For (which is why Fastify 5 no longer
 * trusts a bare count). So a count N trusts up to N hops only when the connection itself comes
 * from this machine or a private network, where the operator's proxy is; a direct client from
 * the internet is counted by its own address.
 */
export function trustProxyOption(setting: TrustProxySetting | undefined): NonNullable<FastifyServerOptions['trustProxy']> {
  if (typeof setting === 'number') return (address: string, hop: number) => hop < setting && (hop > 0 || isPrivateAddress(address));
  return setting ?? false;
}
