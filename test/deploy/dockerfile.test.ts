// The Dockerfile builds in one stage and runs from a slim one: production dependencies only, an
// unprivileged user, a health check. Each rule is also shown to catch a broken file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dockerfileProblems, readInstructions, stages } from './dockerfile-checks.ts';

const text = readFileSync('Dockerfile', 'utf8');

/** The Dockerfile with its last occurrence of `from` replaced (the runtime stage's). */
function changed(from: string | RegExp, to: string): string {
  const at = typeof from === 'string' ? text.lastIndexOf(from) : text.search(from);
  expect(at, `${String(from)} is in the Dockerfile`).toBeGreaterThanOrEqual(0);
  const length = typeof from === 'string' ? from.length : (from.exec(text)?.[0].length ?? 0);
  return text.slice(0, at) + to + text.slice(at + length);
}

describe('Dockerfile', () => {
  it('has a build stage and a slim runtime stage that runs unprivileged, checks health and omits dev dependencies', () => {
    expect(dockerfileProblems(text)).toEqual([]);
    const all = stages(readInstructions(text));
    expect(all.map((stage) => stage[0]!.args)).toEqual(['node:20-bookworm AS build', 'node:20-bookworm-slim AS runtime']);
    expect(all[0]!.some((instruction) => instruction.keyword === 'RUN' && /^npm ci\b(?!.*--omit)/.test(instruction.args))).toBe(true);
    // The script test/deploy/healthcheck.test.ts runs is the one the image checks with.
    const runtime = all[1]!;
    expect(runtime.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args).toMatch(/CMD \["node", "docker\/healthcheck\.js"\]$/);
    expect(runtime.some((instruction) => instruction.keyword === 'COPY' && instruction.args.endsWith('docker/healthcheck.js ./docker/healthcheck.js'))).toBe(
      true,
    );
  });

  it('is refused as root, without a health check, with dev dependencies, or in one stage', () => {
    expect(dockerfileProblems(changed('USER node', 'USER root'))).toEqual(['the runtime stage runs as root']);
    expect(dockerfileProblems(changed('USER node\n', ''))).toEqual(['the runtime stage has no USER: it would run as root']);
    expect(dockerfileProblems(changed(/HEALTHCHECK[^\n]*/, ''))).toEqual(['the runtime stage has no HEALTHCHECK']);
    expect(dockerfileProblems(changed(/HEALTHCHECK[^\n]*/, 'HEALTHCHECK CMD curl -f http://127.0.0.1:9464/healthz'))).toEqual([
      'the HEALTHCHECK does not run node (the slim image has no curl): CMD curl -f http://127.0.0.1:9464/healthz',
    ]);
    expect(dockerfileProblems(changed('npm ci --omit=dev', 'npm ci'))).toEqual([
      'the runtime stage does not install with npm ci --omit=dev',
      'the runtime stage installs development dependencies',
    ]);
    expect(dockerfileProblems(changed('EXPOSE 3000 9464', 'EXPOSE 3000'))).toEqual(['METRICS_PORT is 9464, which is not EXPOSEd']);
    expect(dockerfileProblems(changed(' HOST=0.0.0.0', ' LISTEN_HOST=0.0.0.0'))).toEqual(['ENV LISTEN_HOST is not a setting of src/config.ts']);
    const oneStage = text.slice(text.indexOf('FROM node:20-bookworm-slim')).replaceAll(/COPY --from=build /g, 'COPY ');
    expect(dockerfileProblems(oneStage)).toEqual(['1 FROM: a build stage and a runtime stage are expected']);
  });
});
