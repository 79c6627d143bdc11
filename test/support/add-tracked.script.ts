// A second process for concurrency tests: opens the database, waits for the agreed moment,
// adds one anime and prints what happened as JSON.
import { openDatabase } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { randomBytes } from 'node:crypto';

const [url, guildId, mediaId, nickname, startAt] = process.argv.slice(2);
if (!url || !guildId || !mediaId || !nickname || !startAt) throw new Error('usage: url guildId mediaId nickname startAt');
const database = openDatabase(url);
const repositories = createKyselyRepositories(database, createSecretBox(randomBytes(32)));
await repositories.guilds.get(guildId); // connect before the start line
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  await repositories.trackedAnime.add({ guildId, mediaId: Number(mediaId), nickname, addedBy: '200000000000000001', now: Date.now(), maxPerGuild: 8 });
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: (error as Error).name, error: (error as Error).constructor.name, message: (error as Error).message }));
} finally {
  await database.close();
}
