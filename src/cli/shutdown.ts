import closeWithGrace from 'close-with-grace';
import type { Logger } from '../log/logger.js';

/** How long stopping may take before the process is ended anyway (a job in hand, a slow Redis). */
const GRACE_MS = 10_000;

/**
 * Keeps a long-running command (start, demo, admin) alive until SIGINT/SIGTERM or a crash, then runs `stop` and
 * exits: 0 after a signal, 1 after an uncaught error or when `stop` takes longer than the grace period. A second
 * Ctrl+C exits at once. The returned promise never settles: close-with-grace ends the process.
 */
export function runUntilStopped(log: Logger, stop: () => Promise<void>): Promise<never> {
  closeWithGrace({ delay: GRACE_MS, logger: log }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'stopping after an uncaught error');
    else log.info({ signal }, 'stopping');
    await stop();
  });
  return new Promise<never>(() => {});
}
