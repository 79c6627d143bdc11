// Runs the real `anitrack` command in a child process, from an empty folder, with only the
// settings a test gives it (nothing inherited from the developer's environment).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.ts';

export { freePort } from './free-port.ts';

export const ANITRACK_BIN = join(ROOT, 'bin/anitrack.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function emptyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'anitrack-cli-'));
}

function cleanEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR } = process.env;
  // A free port for the metrics listener unless a test picks one: tests run in parallel.
  return { ...(PATH && { PATH }), ...(HOME && { HOME }), ...(TMPDIR && { TMPDIR }), METRICS_PORT: '0', ...settings };
}

export function spawnAnitrack(args: string[], options: { cwd: string; settings?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [ANITRACK_BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.settings ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runAnitrack(args: string[], options: { cwd: string; settings?: Record<string, string> }): Promise<CliRun> {
  const child = spawnAnitrack(args, options);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
