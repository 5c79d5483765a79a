import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser and process tests share two cores; keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    hookTimeout: 60_000,
  },
});
