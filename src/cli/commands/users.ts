import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UserError, UserStore } from '../../admin/users.js';
import { loadConfig } from '../../config/env.js';
import { connectOnce, RedisUnavailableError } from '../../queue/connection.js';
import { UsageError } from '../errors.js';

const USAGE = `usage:
  cunbot users add --username U --password P --role R [--villages a,b] [--townships 青岚镇] [--name 显示名]
  cunbot users list
  cunbot users disable --username U
  cunbot users enable --username U
  cunbot users reset-password --username U --password P
  cunbot users logout --username U      (ends every session, e.g. after a phone was lost)
disable and reset-password end the user's sessions at once too; enable does not bring them back.
roles: advisor, mediator, committee, township, admin (admin sees every village)`;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `cunbot users …`: manage who may log in to the admin service (users live in Redis under KEY_PREFIX). */
export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      villages: { type: 'string' },
      townships: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!action || !['add', 'list', 'disable', 'enable', 'reset-password', 'logout'].includes(action))
    throw new UsageError(USAGE);
  if (action !== 'list' && !values.username) throw new UsageError(`--username is required\n${USAGE}`);

  const config = loadConfig();
  const redis = await connectOnce(config.REDIS_URL).catch((err: Error) => {
    throw err instanceof RedisUnavailableError ? new UsageError(err.message) : err;
  });
  try {
    const users = new UserStore(redis, config.KEY_PREFIX);
    if (action === 'list') {
      for (const u of await users.list()) {
        const scope = u.role === 'admin' ? '*' : [...u.villages, ...u.townships.map((t) => `township:${t}`)].join(',');
        const state = u.disabled ? 'disabled' : 'active';
        process.stdout.write(`${u.username}\t${u.role}\t${scope}\t${state}\t${u.lastLoginAt ?? 'never'}\n`);
      }
      return 0;
    }
    if (action === 'logout') {
      const ended = await users.endSessions(values.username!);
      process.stdout.write(`${values.username}: ${ended} session(s) ended\n`);
      return 0;
    }
    if (action === 'reset-password') {
      try {
        const user = await users.resetPassword(values.username!, values.password ?? '');
        process.stdout.write(`${user.username}: password changed, every session ended\n`);
      } catch (err) {
        if (err instanceof z.ZodError) throw new UsageError(`--password: ${err.issues[0]?.message}\n${USAGE}`);
        throw err;
      }
      return 0;
    }
    if (action === 'add') {
      try {
        const user = await users.add({
          username: values.username!,
          password: values.password ?? '',
          role: values.role as never,
          villages: list(values.villages),
          townships: list(values.townships),
          ...(values.name ? { displayName: values.name } : {}),
        });
        process.stdout.write(`added ${user.username} (${user.role})\n`);
      } catch (err) {
        if (err instanceof z.ZodError) {
          const lines = err.issues.map((i) => `  --${String(i.path[0] ?? '')}: ${i.message}`);
          throw new UsageError(`cannot add the user:\n${lines.join('\n')}\n${USAGE}`);
        }
        throw err;
      }
      return 0;
    }
    const user = await users.setDisabled(values.username!, action === 'disable');
    process.stdout.write(`${user.username} ${user.disabled ? 'disabled' : 'enabled'}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UserError) throw new UsageError(err.message);
    throw err;
  } finally {
    redis.disconnect();
  }
}
