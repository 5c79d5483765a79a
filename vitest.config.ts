import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser and process tests share two cores; keep parallelism modest.
    maxWorkers: 2,
    // Each worker process keeps its imported modules from one file to the next: the suite spent
    // about a third of its time loading express, exceljs and the app again for every file. It
    // holds because no test changes process-wide state (environment, timers, module mocks):
    // test/helpers/no-global-state.test.ts keeps it so. Processes, not threads: some tests count
    // or renice the process's threads, which another file's threads would disturb.
    pool: 'forks',
    isolate: false,
    testTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    hookTimeout: 60_000,
  },
});
