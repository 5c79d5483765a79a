import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser and process tests share two cores; keep parallelism modest.
    maxWorkers: 2,
    // Threads that keep their imported modules between files: the suite spent most of its time
    // loading express, exceljs and the app again for every file (about a third of its time).
    // It holds because no test changes process-wide state (environment, timers, module mocks);
    // test/helpers/no-global-state.test.ts keeps it so.
    pool: 'threads',
    isolate: false,
    testTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    hookTimeout: 60_000,
  },
});
