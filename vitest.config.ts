import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['test/support/postgres.global.ts'],
    setupFiles: ['test/support/anilist-schema.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: more workers only queue for the same PostgreSQL.
    maxWorkers: 2,
    // Every test's full name, so the log shows each one ran on both SQLite and PostgreSQL.
    reporters: ['verbose'],
  },
});
