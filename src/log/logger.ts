import pino, { type Logger } from 'pino';
import { maskDeep } from './mask.js';

export type { Logger };

/** pino to stderr (stdout belongs to command output), with phone and ID numbers masked in every record. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination = pino.destination(2)): Logger {
  const root = pino(
    {
      level,
      base: { app: 'cunbot' },
      formatters: { log: (record) => maskDeep(record) as Record<string, unknown> },
      hooks: {
        // The message and its interpolated values; objects are left to the formatter, so pino still sees an Error.
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'object' && a !== null ? a : maskDeep(a)));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  // pino writes a child's bindings (`logger.child({ resident })`) without passing them through the formatter;
  // children inherit this method from the root, so every generation masks its bindings here.
  const child = root.child;
  root.child = function (this: Logger, bindings, options) {
    return child.call(this, maskDeep(bindings) as typeof bindings, options);
  } as typeof root.child;
  return root;
}

export const logger: Logger = createLogger();
