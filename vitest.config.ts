import { defineConfig } from 'vitest/config'

// Unit tests sit beside their module (src/**/x.test.ts); suites that need Redis,
// PostgreSQL or several stages live in tests/. One `npm test` runs both.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'pipelines/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Starts Redis and PostgreSQL for the suites when none answers on their ports.
    globalSetup: ['tests/global-setup.ts'],
    // CI also writes a machine-readable report; .ci/run prints its tally.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
})
