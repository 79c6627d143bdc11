// The settings of the REST proxy and of gateway sharding, as an operator writes them: what they
// are read as, and the plain words a wrong one is refused with.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const noFile = join(tmpdir(), 'anitrack-no-such-env-file');
const read = (env: Record<string, string>) => loadConfig({ env, envFile: noFile });

function problemsOf(env: Record<string, string>): string[] {
  try {
    read(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the REST proxy settings', () => {
  it('listen on 127.0.0.1:8090 by default, and no process uses a proxy unless told', () => {
    const settings = read({});
    expect(settings).toMatchObject({ REST_PROXY_HOST: '127.0.0.1', REST_PROXY_PORT: 8090 });
    expect(settings.DISCORD_REST_PROXY_URL).toBeUndefined();
  });

  it("read the proxy's address with or without /api as the base the product sends /api/v10/… to", () => {
    for (const given of ['http://127.0.0.1:8090', 'http://127.0.0.1:8090/', 'http://127.0.0.1:8090/api', 'http://127.0.0.1:8090/api/']) {
      expect(read({ DISCORD_REST_PROXY_URL: given }).DISCORD_REST_PROXY_URL).toBe('http://127.0.0.1:8090/api');
    }
    expect(read({ DISCORD_REST_PROXY_URL: 'https://rest.internal' }).DISCORD_REST_PROXY_URL).toBe('https://rest.internal/api');
  });

  it('refuse an address with another path, or that is no http address', () => {
    expect(problemsOf({ DISCORD_REST_PROXY_URL: 'http://127.0.0.1:8090/api/v10' })).toEqual([
      'DISCORD_REST_PROXY_URL must be the address of `anitrack rest-proxy` with no path (or /api), e.g. http://127.0.0.1:8090 (got "http://127.0.0.1:8090/api/v10")',
    ]);
    expect(problemsOf({ DISCORD_REST_PROXY_URL: '127.0.0.1:8090' })).toEqual([
      'DISCORD_REST_PROXY_URL must be an http:// or https:// address (got "127.0.0.1:8090")',
    ]);
    expect(problemsOf({ REST_PROXY_PORT: '70000' })).toEqual(['REST_PROXY_PORT must be at most 65535 (got "70000")']);
  });
});

describe('the gateway sharding settings', () => {
  it("leave the shard count to Discord's recommendation when unset", () => {
    const settings = read({});
    expect([settings.SHARD_COUNT, settings.SHARD_IDS]).toEqual([undefined, undefined]);
  });

  it('read SHARD_IDS as a range or a list of shard ids', () => {
    expect(read({ SHARD_COUNT: '8', SHARD_IDS: '0-3' })).toMatchObject({ SHARD_COUNT: 8, SHARD_IDS: [0, 1, 2, 3] });
    expect(read({ SHARD_COUNT: '8', SHARD_IDS: '4 - 7' }).SHARD_IDS).toEqual([4, 5, 6, 7]);
    expect(read({ SHARD_COUNT: '8', SHARD_IDS: '0,2, 4' }).SHARD_IDS).toEqual([0, 2, 4]);
    expect(read({ SHARD_COUNT: '2', SHARD_IDS: '1' }).SHARD_IDS).toEqual([1]);
    const allOfThem = read({ SHARD_COUNT: '4' });
    expect([allOfThem.SHARD_COUNT, allOfThem.SHARD_IDS]).toEqual([4, undefined]);
  });

  it('refuse, in plain words, ids past the count, ids without a count, and what is neither a range nor a list', () => {
    expect(problemsOf({ SHARD_COUNT: '4', SHARD_IDS: '2-5' })).toEqual([
      'SHARD_IDS names shards 4, 5, but with SHARD_COUNT=4 the shards are numbered 0 to 3 (got "2-5")',
    ]);
    expect(problemsOf({ SHARD_IDS: '0-1' })).toEqual(['SHARD_IDS needs SHARD_COUNT, the number of shards all processes run together (got "0-1")']);
    expect(problemsOf({ SHARD_COUNT: '4', SHARD_IDS: 'first' })).toEqual([
      'SHARD_IDS must be a range of shard ids like 0-3 or a comma-separated list like 0,2,4 (got "first")',
    ]);
    expect(problemsOf({ SHARD_COUNT: '4', SHARD_IDS: '3-1' })).toEqual([
      'SHARD_IDS is a range whose first shard (3) comes after its last (1); write it as 1-3 (got "3-1")',
    ]);
    expect(problemsOf({ SHARD_COUNT: '4', SHARD_IDS: '1,2,1' })).toEqual(['SHARD_IDS names shard 1 twice (got "1,2,1")']);
    expect(problemsOf({ SHARD_COUNT: '0' })).toEqual(['SHARD_COUNT must be at least 1 (got "0")']);
  });

  it('belong to the gateway: with INTERACTIONS_MODE=http they are refused', () => {
    expect(problemsOf({ INTERACTIONS_MODE: 'http', SHARD_COUNT: '2' })).toEqual([
      'SHARD_COUNT applies only to the gateway: set INTERACTIONS_MODE=gateway, or leave it unset (got "2")',
    ]);
  });
});
