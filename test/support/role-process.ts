// One `anitrack start --role …` child process, with what its log says about it: where it listens
// and when it is running. The multi-process tests and the scale benchmark run several.
import type { ChildProcess } from 'node:child_process';
import { collect, spawnAnitrack, waitFor, type CliRun } from './cli.ts';

export interface RoleProcess {
  roles: string;
  child: ChildProcess;
  /** Everything it wrote so far. */
  output(): string;
  /** Resolves when it has exited. */
  exited: Promise<CliRun>;
  /** Its private listener (/metrics, /healthz, /readyz), once it said so. */
  metricsAddress(): Promise<string>;
  /** Where it serves HTTP interactions (web role), once it is running. */
  webAddress(): Promise<string>;
  readyz(): Promise<{ status: number; body: { status: string; roles: Record<string, string> } }>;
}

interface LogLine {
  msg?: string;
  address?: string;
}

export function startRole(roles: string, options: { cwd: string; settings: Record<string, string> }): RoleProcess {
  const child = spawnAnitrack(['start', '--role', roles], { cwd: options.cwd, settings: { LOG_LEVEL: 'info', ...options.settings } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = collect(child);
  const logged = async (message: string) => {
    const address = await waitFor(async () => {
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as LogLine;
        if (entry.msg === message && entry.address) return entry.address;
      }
      // null: it exited without saying so.
      return child.exitCode !== null || child.signalCode !== null ? null : undefined;
    }, 90_000);
    if (address === null) throw new Error(`anitrack --role ${roles} exited:\n${output.slice(-3000)}`);
    return address;
  };
  const metricsAddress = () => logged('Prometheus metrics, /healthz and /readyz are served on this address');
  return {
    roles,
    child,
    output: () => output,
    exited,
    metricsAddress,
    webAddress: () => logged('AniTrack is running'),
    async readyz() {
      const response = await fetch(`${await metricsAddress()}/readyz`);
      return { status: response.status, body: (await response.json()) as { status: string; roles: Record<string, string> } };
    },
  };
}
