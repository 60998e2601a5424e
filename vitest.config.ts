import { defineConfig } from 'vitest/config';

/**
 * Tests that need Redis, the mock WeChat or a browser. They share one Redis (each under its own key prefix) and
 * time queues, so they run one file at a time; everything else is a pure unit test and runs in parallel.
 */
const INTEGRATION = [
  'test/admin/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/workers/**/*.test.ts',
  'test/bot/{cooldown,flow,handler,outbound,private-village,redis-restart}.test.ts',
  'test/cases/{service,store}.test.ts',
  'test/cli/{admin,demo,intents,simulate,simulate-consult,simulate-loop,simulate-whole-loop,users}.test.ts',
  'test/residents/consult-flow.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Logs are for operators; in a test run they bury the failures. `LOG_LEVEL=debug npm test` shows them again.
    // Tests about logging give their logger its own level and sink.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    // Modules are shared between the files a worker runs, so the model, jieba, Wechaty and BullMQ load once per worker
    // instead of once per file (the suite's largest cost). Nothing in src keeps state between tests: each test file
    // builds its own stores, apps and spines under its own Redis key prefix, and the admin app its own metrics.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: INTEGRATION,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
