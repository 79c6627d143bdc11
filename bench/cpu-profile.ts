// `--profile`: records a CPU profile of just the measured part of a benchmark (not its set-up),
// with the inspector, and writes it where Chrome DevTools or speedscope can open it.
// `--allocations`: records where the measured part allocates memory instead, garbage included
// (what the collector's threads then spend their time on), as a heap profile for DevTools.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One sample every 16 KiB allocated: fine enough to tell a message's allocations apart.
const ALLOCATION_SAMPLING_BYTES = 16 * 1024;

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<{ result: T; profile?: string }> {
  const cpu = process.argv.includes('--profile');
  const allocations = process.argv.includes('--allocations');
  if (!cpu && !allocations) return { result: await work() };
  const session = new Session();
  session.connect();
  try {
    if (cpu) {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    } else {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: ALLOCATION_SAMPLING_BYTES,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    const result = await work();
    const profile = cpu ? (await session.post('Profiler.stop')).profile : (await session.post('HeapProfiler.stopSampling')).profile;
    const path = join(tmpdir(), `anitrack-${name}-${Date.now()}.${cpu ? 'cpuprofile' : 'heapprofile'}`);
    writeFileSync(path, JSON.stringify(profile));
    return { result, profile: path };
  } finally {
    session.disconnect();
  }
}
