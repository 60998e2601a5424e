import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIdFor } from './names.js';
import { type Timer, type TimerInput, TimerSchema } from './sla.js';

/**
 * Case timers in a sorted set scored by due time, drained into the timer queue by whoever holds the clock. BullMQ's
 * own delayed jobs run on the machine's time, which `simulate` and the tests cannot move; here the clock passed in
 * decides what is due, and BullMQ carries the work (retries, one worker at a time per job).
 *
 * Setting a timer twice changes nothing (the member is the timer itself), so a retried intake job sets it again
 * safely. Draining queues a job under an id made from the timer before removing it: a drainer that dies in between
 * leaves the timer to be drained again, and the job id makes that second queueing a no-op.
 */
export class TimerStore {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:timers`;
  }

  async set(timer: TimerInput, at: Date): Promise<void> {
    await this.redis.zadd(this.key, String(at.getTime()), JSON.stringify(TimerSchema.parse(timer)));
  }

  /** When the next timer falls due, or null when none is set. */
  async next(): Promise<Date | null> {
    const [, score] = await this.redis.zrange(this.key, '0', '0', 'WITHSCORES');
    return score === undefined ? null : new Date(Number(score));
  }

  /** Hands every timer due by `now` to the queue, oldest first; returns how many. */
  async drain(queue: Queue<Timer>, now: Date, limit = 500): Promise<number> {
    const due = await this.redis.zrangebyscore(this.key, '-inf', String(now.getTime()), 'LIMIT', 0, limit);
    for (const member of due) {
      const timer = TimerSchema.parse(JSON.parse(member));
      await queue.add(timer.kind, timer, { jobId: jobIdFor('timer', member) });
      await this.redis.zrem(this.key, member);
    }
    return due.length;
  }

  /** The timers set for one case (the workbench and tests read them). */
  async forCase(caseId: string): Promise<Timer[]> {
    const all = await this.redis.zrange(this.key, '0', '-1');
    return all.map((m) => TimerSchema.parse(JSON.parse(m))).filter((t) => t.caseId === caseId);
  }
}
