import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['api/**/*.test.ts', 'bots/**/*.test.ts', 'db/**/*.test.ts', 'test/**/*.test.ts'],
    // The site build and the real-server tests spawn processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A folder per run where the page suites share the fixture site they build (fixture-site.ts).
    globalSetup: ['test/helpers/site-cache-setup.ts'],
  },
});
