import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = `${ROOT}node_modules/.bin/tsx`;

/** Runs a TypeScript script in its own Node process and parses the JSON line it prints. */
export async function runScript<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(TSX, [script, ...args], { cwd: ROOT, timeout: 30_000 });
  const line = stdout.trim().split('\n').at(-1);
  return JSON.parse(line ?? 'null') as T;
}
