// The child process of seedInAnotherProcess: seeds the store it is given, then exits.
import type { SeedRequest } from './seed-servers.ts';
import { seedServers } from './seed-servers.ts';
import { openBenchStore } from './temp-store.ts';

process.once('message', async (request: SeedRequest) => {
  const { database, repositories } = await openBenchStore(request.store);
  await seedServers(repositories, request);
  await database.close();
  process.send!({ type: 'seeded' }, () => process.exit(0));
});
