// `--profile`: records a CPU profile of just the measured part of a benchmark (not its set-up),
// with the inspector, and writes it where Chrome DevTools or speedscope can open it.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<{ result: T; profile?: string }> {
  if (!process.argv.includes('--profile')) return { result: await work() };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    const path = join(tmpdir(), `anitrack-${name}-${Date.now()}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    return { result, profile: path };
  } finally {
    session.disconnect();
  }
}
