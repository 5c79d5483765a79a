import { defineConfig } from 'vitest/config';

/** Tests that look at the process's own threads (/proc/self/task): another file's threads would disturb them. */
const ownProcess = ['test/imports/import-worker.test.ts', 'test/imports/background-priority.test.ts'];
const all = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    // Browser and process tests share two cores; keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    projects: [
      {
        extends: true,
        // Worker threads that keep their imported modules from one file to the next: the suite
        // spent about a third of its time loading express, exceljs and the app again for every
        // file. It holds because no test changes process-wide state (environment, timers, module
        // mocks): test/helpers/no-global-state.test.ts keeps it so.
        test: { name: 'shared', include: all, exclude: ownProcess, pool: 'threads', isolate: false },
      },
      { extends: true, test: { name: 'own-process', include: ownProcess, pool: 'forks' } },
    ],
  },
});
