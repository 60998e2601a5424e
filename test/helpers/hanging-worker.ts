// A worker process that takes one intake job and then hangs, to be killed mid-job by the test.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { INTAKE_QUEUE } from '../../src/queue/names.js';

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
new Worker(
  INTAKE_QUEUE,
  async (job) => {
    process.stdout.write(`took ${job.id}\n`);
    await new Promise(() => {});
  },
  // Workers of one deployment share their stalled-check settings (BullMQ keeps one check clock per queue).
  { connection, prefix: process.env.KEY_PREFIX, lockDuration: 1000, stalledInterval: 300 },
);
