import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChatLine, DemoChat } from '../../admin/demo.js';
import { type Role, UserStore } from '../../admin/users.js';
import type { MockWorld } from '../../bot/mock.js';
import { type Config, loadConfig } from '../../config/env.js';
import { createLogger } from '../../log/logger.js';
import { connectOnce, deletePrefix, RedisUnavailableError } from '../../queue/connection.js';
import type { LoadedVillage } from '../../villages/load.js';
import { UsageError } from '../errors.js';
import { runUntilStopped } from '../shutdown.js';
import { ALWAYS_ON_POLICY, startMockSpine } from '../spine.js';
import { villagesFrom } from '../villages.js';
import { startAdminService } from './admin.js';
import { demoMigrants, openDemoConsultation } from './demo-consult.js';

const HOW_TO_GET_REDIS =
  'The demo needs Redis. Install it and run again:\n' +
  '  Debian/Ubuntu: sudo apt install redis-server\n' +
  '  macOS:         brew install redis\n' +
  '  Docker:        docker compose up -d redis\n' +
  'or point REDIS_URL at a running Redis.';

export interface RedisHandle {
  url: string;
  /** Whether the demo started this Redis itself (and so owns everything in it). */
  private: boolean;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The Redis at `url` when one answers; otherwise a private redis-server in a temporary folder on a free port,
 * stopped by `stop()`; otherwise a UsageError that says how to get Redis.
 */
export async function findOrStartRedis(url: string): Promise<RedisHandle> {
  try {
    (await connectOnce(url)).disconnect();
    return { url, private: false, stop: async () => {} };
  } catch (err) {
    if (!(err instanceof RedisUnavailableError)) throw err;
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new UsageError(`nothing answers at ${url}, and redis-server is not installed.\n${HOW_TO_GET_REDIS}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cunbot-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  child.once('error', () => {});
  // Stopping on exit even when the demo dies of an error.
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const redis = await connectOnce(privateUrl);
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      redis.disconnect();
      break;
    } catch (err) {
      if (i >= 50 || child.exitCode !== null) {
        kill();
        throw new UsageError(`redis-server did not start (${(err as Error).message}).\n${HOW_TO_GET_REDIS}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: privateUrl,
    private: true,
    async stop() {
      process.removeListener('exit', kill);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo's village chat: what residents typed and what the bot said, numbered so the page can poll. */
class Chat implements DemoChat {
  private readonly lines: ChatLine[] = [];
  private seq = 0;

  constructor(
    private readonly world: MockWorld,
    private readonly roomTopics: string[],
    private readonly botName: string,
    /** Bound migrants the demo consults privately. */
    private readonly migrants: string[] = [],
  ) {
    world.onSaid((said) =>
      this.add({ chat: said.room ?? `private:${said.to}`, from: this.botName, text: said.text, fromBot: true }),
    );
  }

  rooms(): string[] {
    return this.roomTopics;
  }

  residents(): string[] {
    return ['王大爷', '张大姐', '李婶', '赵小军', ...this.migrants];
  }

  async say(input: { from: string; text: string; room: string | null; mentioned: boolean }): Promise<void> {
    const chat = input.room ?? `private:${input.from}`;
    const shown = input.mentioned && input.room ? `@${this.botName} ${input.text}` : input.text;
    this.add({ chat, from: input.from, text: shown, fromBot: false });
    this.world.say({ room: input.room, from: input.from, text: input.text, mentioned: input.mentioned });
  }

  since(seq: number): ChatLine[] {
    return this.lines.filter((l) => l.seq > seq);
  }

  private add(line: Omit<ChatLine, 'seq' | 'at'>): void {
    this.lines.push({ ...line, seq: ++this.seq, at: new Date().toISOString() });
    // A demo left open all day keeps only the recent conversation.
    if (this.lines.length > 2000) this.lines.splice(0, this.lines.length - 2000);
  }
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  who: string;
}

export interface Demo {
  url: string;
  logins: DemoLogin[];
  close(): Promise<void>;
}

/** Everything `cunbot demo` runs, in this process: the bot on the mock puppet, workers, sender and admin service. */
export async function startDemo(opts: {
  config: Config;
  villages: LoadedVillage[];
  port?: number;
  /** Opening messages so the inbox is not empty on first look. */
  opening?: boolean;
}): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunbot-demo-'));
  const config: Config = {
    ...opts.config,
    PUPPET: 'mock',
    DATA_DIR: dataDir,
    // Fast enough to feel live, still one message at a time as WeChat requires.
    OUTBOUND_INTERVAL_MS: Math.min(opts.config.OUTBOUND_INTERVAL_MS, 300),
    OUTBOUND_JITTER_MS: Math.min(opts.config.OUTBOUND_JITTER_MS, 200),
  };
  const village = opts.villages[0]!.village;
  const { spine, world } = await startMockSpine({ config, villages: opts.villages, policy: ALWAYS_ON_POLICY });
  const chat = new Chat(world, [...village.rooms], village.botName ?? config.BOT_NAME, demoMigrants(opts.villages[0]!));

  const member = village.committee.members[0]!;
  // One login per legal advisor: an advisor answers the cases routed to them (by topic), and nobody else's.
  const people: Array<Omit<DemoLogin, 'password'> & { name?: string }> = [
    ...village.legalAdvisors.map((a, i) => ({
      username: i === 0 ? 'advisor' : `advisor${i + 1}`,
      role: 'advisor' as const,
      who: `法律顾问 ${a.name}（${a.topics.join('、')}）`,
      name: a.name,
    })),
    { username: 'committee', role: 'committee', who: `${member.role} ${member.name}`, name: member.name },
    { username: 'township', role: 'township', who: '乡镇（看全镇各村）' },
    { username: 'admin', role: 'admin', who: '管理员（可看队列）' },
  ];
  const logins: DemoLogin[] = people.map(({ name: _, ...l }) => ({
    ...l,
    password: randomBytes(6).toString('base64url'),
  }));
  const users = new UserStore(spine.redis, config.KEY_PREFIX);
  const township = village.township;
  for (const [i, l] of logins.entries()) {
    await users.upsert({
      username: l.username,
      password: l.password,
      role: l.role,
      villages: l.role === 'township' && township ? [] : [village.id],
      townships: l.role === 'township' && township ? [township] : [],
      displayName: people[i]?.name ?? l.who,
    });
  }

  let admin: Awaited<ReturnType<typeof startAdminService>>;
  const serve = (port: number) =>
    startAdminService({
      config,
      redis: spine.redis,
      cases: spine.service,
      outbox: spine.outbox,
      villages: opts.villages,
      demoChat: chat,
      host: '127.0.0.1',
      port,
    });
  try {
    admin = await serve(opts.port ?? config.ADMIN_PORT);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    admin = await serve(0);
  }

  if (opts.opening !== false) {
    await chat.say({ room: village.rooms[0]!, from: '李婶', text: '请问开低保证明要带什么材料？', mentioned: true });
    await openDemoConsultation(spine, world, chat, opts.villages[0]!);
  }

  return {
    url: admin.url,
    logins,
    async close() {
      await admin.close();
      await spine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Removes every key of this demo run from a Redis the demo shares with others. */
async function forget(url: string, prefix: string): Promise<void> {
  const redis = await connectOnce(url);
  await deletePrefix(redis, prefix);
  redis.disconnect();
}

/** `cunbot demo [--villages DIR] [--port N]`: the whole flow on one machine, with a page that plays a village chat. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { villages: { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const base = loadConfig();
  const villages = villagesFrom(values.villages ?? base.VILLAGES_DIR);
  if (villages.length === 0) throw new UsageError(`no village folders in ${values.villages ?? base.VILLAGES_DIR}`);
  const redis = await findOrStartRedis(base.REDIS_URL);
  const prefix = `demo-${Date.now().toString(36)}`;
  const config: Config = {
    ...base,
    REDIS_URL: redis.url,
    KEY_PREFIX: prefix,
    SESSION_SECRET: base.SESSION_SECRET ?? randomBytes(32).toString('hex'),
  };
  const log = createLogger(config.LOG_LEVEL).child({ part: 'demo' });
  if (redis.private) log.info({ url: redis.url }, 'started a private redis-server for the demo');
  const demo = await startDemo({ config, villages, ...(values.port ? { port: Number(values.port) } : {}) });
  const width = Math.max(...demo.logins.map((l) => l.username.length));
  process.stdout.write(
    [
      '',
      '村小助 demo is running.',
      '',
      `  Village chat (play a resident):  ${demo.url}/demo`,
      `  Workbench for advisors:          ${demo.url}/login`,
      `  API documentation:               ${demo.url}/docs`,
      '',
      '  Logins (new passwords each run):',
      ...demo.logins.map((l) => `    ${l.username.padEnd(width)}  ${l.password}   ${l.who}`),
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return runUntilStopped(log, async () => {
    await demo.close();
    if (!redis.private) await forget(redis.url, prefix);
    await redis.stop();
  });
}
