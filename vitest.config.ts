import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests share one Redis; each uses its own key prefix, but files still run one at a time
    // so timing-sensitive queue tests do not fight for two cores.
    fileParallelism: false,
    // Logs are for operators; in a test run they bury the failures. `LOG_LEVEL=debug npm test` shows them again.
    // Tests about logging give their logger its own level and sink.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
