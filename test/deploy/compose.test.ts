// compose.yaml runs the product: PostgreSQL, one service per role, the shared settings. Checked
// against the product itself (its roles, the settings src/config.ts knows), and each rule shown
// to catch a broken file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { composeProblems } from './compose-checks.ts';

const text = readFileSync('compose.yaml', 'utf8');

interface Compose {
  services: Record<string, Record<string, unknown> & { environment?: Record<string, unknown> }>;
}

/** compose.yaml with one change, written back out (merge keys already resolved). */
function changed(change: (compose: Compose) => void): string {
  const compose = parse(text, { merge: true }) as Compose;
  change(compose);
  return stringify(compose);
}

describe('compose.yaml', () => {
  it('runs every role on PostgreSQL, with real settings, and publishes only the web port', () => {
    expect(composeProblems(text)).toEqual([]);
  });

  it('scales the worker and keeps the optional REST proxy behind a profile', () => {
    const { services } = parse(text, { merge: true }) as Compose;
    expect(services.worker?.deploy).toEqual({ replicas: 2 });
    expect(services['rest-proxy']).toMatchObject({ command: ['rest-proxy'], profiles: ['rest-proxy'] });
  });

  it('is refused with an unknown role, a missing role, or a setting that does not exist', () => {
    expect(composeProblems(changed((c) => (c.services.worker!.command = ['start', '--role', 'workers'])))).toEqual([
      'worker runs the unknown role workers',
      'no service runs the worker role',
    ]);
    expect(composeProblems(changed((c) => delete c.services.gateway))).toEqual(['no service runs the gateway role']);
    expect(composeProblems(changed((c) => (c.services.scheduler!.environment!.SYNC_MINUTES = '5')))).toEqual([
      'scheduler sets SYNC_MINUTES, which is not a setting of src/config.ts',
    ]);
    expect(composeProblems(changed((c) => (c.services.gateway!.command = ['start'])))).toEqual([
      'gateway runs "start" instead of start --role <role>',
      'no service runs the gateway role',
    ]);
  });

  it('is refused when PostgreSQL has no health check or a role does not wait for it', () => {
    expect(composeProblems(changed((c) => delete c.services.postgres!.healthcheck))).toEqual(['postgres has no health check']);
    expect(composeProblems(changed((c) => (c.services.worker!.depends_on = ['postgres'])))).toEqual(['worker does not wait for postgres to be healthy']);
  });

  it('is refused when another service publishes a port, or web publishes the wrong one', () => {
    expect(composeProblems(changed((c) => (c.services.worker!.ports = ['9464:9464'])))).toEqual(['worker publishes ports; only web may']);
    expect(composeProblems(changed((c) => (c.services.web!.ports = ['80:8080'])))).toEqual(['web publishes 80:8080, but listens on 3000']);
  });
});
