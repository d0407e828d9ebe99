import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Lesson servers are real process trees on a small machine: one test file at a time.
    fileParallelism: false,
    // Within a file, the tests marked concurrent run together, each on its own servers; the ones
    // that time a fast answer against a slow one are not marked, and run alone.
    maxConcurrency: 5,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
