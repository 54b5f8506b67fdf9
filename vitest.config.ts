import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites create and drop real databases; keep files from racing each other.
    fileParallelism: true,
    pool: 'forks',
  },
});
