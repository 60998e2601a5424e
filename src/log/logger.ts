import pino, { type Logger } from 'pino';
import { maskDeep, maskText } from './mask.js';

export type { Logger };

/** pino to stderr (stdout belongs to command output), with phone and ID numbers masked in every record. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: 'cunbot' },
      formatters: { log: (record) => maskDeep(record) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export const logger: Logger = createLogger();
