import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests share one Redis; each uses its own key prefix, but files still run one at a time
    // so timing-sensitive queue tests do not fight for two cores.
    fileParallelism: false,
  },
});
