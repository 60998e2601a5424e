import type { Redis } from 'ioredis';
import { Civic } from '../bot/civic.js';
import { MessageHandler } from '../bot/handler.js';
import { MockWorld } from '../bot/mock.js';
import { type BotPolicy, policyFromConfig } from '../bot/policy.js';
import { type Sender, startSender } from '../bot/sender.js';
import { type BotHandle, type Puppet, startBot } from '../bot/wechaty.js';
import type { BindingService } from '../cases/binding.js';
import { civicServices } from '../cases/civic-services.js';
import type { ConsultService } from '../cases/consult.js';
import { type RoutedVillage, withRouting } from '../cases/routing.js';
import { CaseService } from '../cases/service.js';
import { CaseStore } from '../cases/store.js';
import { SurveyDesk } from '../cases/survey-desk.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../cases/templates.js';
import { type Clock, systemClock } from '../config/clock.js';
import type { Config } from '../config/env.js';
import { NEVER_QUIET } from '../config/quiet.js';
import { warmUp } from '../nlu/index.js';
import { ProposalStore } from '../proposals/store.js';
import { createRedis, ensureReachable } from '../queue/connection.js';
import { createIntakeQueue } from '../queue/intake.js';
import { Outbox } from '../queue/outbound.js';
import { TimerStore } from '../queue/timers.js';
import type { LoadedVillage } from '../villages/load.js';
import { startWorkers, type Workers } from '../workers/index.js';

export interface SpineOptions {
  config: Config;
  villages: readonly LoadedVillage[];
  puppet: Puppet;
  /** Called once Wechaty has started, before messages flow (the mock logs the bot in here). */
  onStarted?: () => void | Promise<void>;
  printQr?: boolean;
  policy?: Partial<BotPolicy>;
  /** Run the intake and SLA workers in this process too (default true). */
  workers?: boolean;
  templatesDir?: string;
  /** Outbound messages in the air at once (default 1: one WeChat account says one thing at a time). */
  senderConcurrency?: number;
  /** The time every part reads (default: the machine's, in TIMEZONE). */
  clock?: Clock;
}

/** The running intake spine: bot, queues, workers, sender, and the case service the admin side calls. */
export interface Spine {
  redis: Redis;
  /** KEY_PREFIX: every key and queue of this deployment lives under it. */
  prefix: string;
  store: CaseStore;
  service: CaseService;
  /** Roster bindings (村民名册) and 意见征集: the same path for the workbench, simulate and the bot. */
  bindings: BindingService;
  consult: ConsultService;
  /** Every case timer, by due time: `simulate` reads when the next falls due. */
  timers: TimerStore;
  outbox: Outbox;
  handler: MessageHandler;
  bot: BotHandle;
  sender: Sender;
  workers: Workers | null;
  villages: readonly RoutedVillage[];
  /** Resolves once every accepted message is stored and every queued reply said (simulate, tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the bot on a puppet with the outbound sender, and (unless told not to) the workers. `start` passes
 * wechat4u, `simulate` and `demo` the mock; the admin service joins with `spine.service`.
 */
export async function startSpine(opts: SpineOptions): Promise<Spine> {
  const { config } = opts;
  const villages = withRouting(opts.villages);
  const templates = Templates.load(opts.templatesDir ?? DEFAULT_TEMPLATES_DIR);
  warmUp();
  const redis = createRedis(config.REDIS_URL, 'cunbot-spine');
  try {
    await ensureReachable(redis, config.REDIS_URL);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const prefix = config.KEY_PREFIX;
  const clock = opts.clock ?? systemClock(config.TIMEZONE);
  const store = new CaseStore(redis, prefix, clock);
  const outbox = new Outbox(redis, prefix);
  const intake = createIntakeQueue(redis, prefix);
  const proposals = new ProposalStore(redis, prefix);
  const { residents, bindings, consult } = civicServices({
    redis,
    prefix,
    store,
    proposals,
    outbox,
    villages: opts.villages,
    templates,
    botName: config.BOT_NAME,
  });
  const timers = new TimerStore(redis, prefix);
  const service = new CaseService({ store, outbox, villages: opts.villages, templates, proposals, consult, timers });
  const survey = new SurveyDesk({ store, outbox, timers, templates, villages: opts.villages.map((v) => v.village) });
  const policy = policyFromConfig(
    config,
    villages.map((v) => v.village),
    opts.policy,
  );
  // The workers hold SLA notices through the bot's own quiet hours, on the same clock.
  const quiet = { quiet: policy.quiet, timeZone: policy.timeZone };
  const workers =
    opts.workers === false
      ? null
      : startWorkers({ connection: redis, prefix, store, villages, templates, quiet, botName: config.BOT_NAME });

  let sender: Sender | undefined;
  const handler = new MessageHandler({
    redis,
    prefix,
    villages,
    store,
    intake,
    outbox,
    templates,
    timers,
    survey,
    policy,
    clock,
    civic: new Civic({ bindings, consult, residents, store, outbox, templates }),
    onThrottled: () => void sender?.throttled(),
  });
  const bot = await startBot({
    puppet: opts.puppet,
    handler,
    redis,
    prefix,
    dataDir: config.DATA_DIR,
    printQr: opts.printQr,
  });
  // The sender says one message at a time: each of its job hand-offs is a round trip on the path of every reply,
  // so it has a connection of its own that writes at once (see createRedis).
  const senderRedis = createRedis(config.REDIS_URL, 'cunbot-sender', { coalesce: false });
  sender = startSender({
    bot: bot.bot,
    connection: senderRedis,
    prefix,
    store,
    outbox,
    intervalMs: config.OUTBOUND_INTERVAL_MS,
    jitterMs: config.OUTBOUND_JITTER_MS,
    concurrency: opts.senderConcurrency,
  });
  await opts.onStarted?.();
  const started = sender;

  const busy = async () => {
    const [a, b] = await Promise.all([
      intake.getJobCounts('waiting', 'active', 'prioritized', 'delayed'),
      outbox.queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed'),
    ]);
    return Object.values(a).some((n) => n > 0) || Object.values(b).some((n) => n > 0) || (await workers?.busy());
  };

  return {
    redis,
    prefix,
    store,
    service,
    bindings,
    consult,
    timers,
    outbox,
    handler,
    bot,
    sender: started,
    workers,
    villages,
    async idle() {
      // Twice quiet in a row: a job finishing can queue the next (a handled message queues its replies).
      let quiet = 0;
      while (quiet < 2) {
        await handler.idle();
        // Timers due by the clock go now: a moved clock (simulate's wait) fires them without waiting for a tick.
        await workers?.drain();
        quiet = (await busy()) ? 0 : quiet + 1;
        if (quiet < 2) await new Promise((r) => setTimeout(r, 5));
      }
    },
    async close() {
      await handler.idle();
      await started.close();
      senderRedis.disconnect();
      await workers?.close();
      await bot.stop();
      await Promise.all([intake.close(), outbox.close()]);
      redis.disconnect();
    },
  };
}

/** People try the simulated village at any hour and in quick succession: no quiet hours, no cooldowns. */
export const ALWAYS_ON_POLICY = {
  quiet: NEVER_QUIET.quiet,
  residentCooldownMs: 0,
  roomCooldownMs: 0,
} as const satisfies Partial<BotPolicy>;

/**
 * The spine on a mock WeChat peopled with the villages' rooms, residents and staff; the bot logs in once Wechaty
 * has started. `simulate`, `demo`, `start` with PUPPET=mock, the tests and the benchmarks all run it this way.
 */
export async function startMockSpine(
  opts: Omit<SpineOptions, 'puppet' | 'onStarted' | 'printQr'>,
): Promise<{ spine: Spine; world: MockWorld }> {
  const world = new MockWorld(opts.config.BOT_NAME);
  world.populate(opts.villages.map((v) => v.village));
  const spine = await startSpine({ ...opts, puppet: world.wechatyPuppet, onStarted: () => world.login() });
  return { spine, world };
}
