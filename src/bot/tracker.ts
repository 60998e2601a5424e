/**
 * Which messages are being handled right now, so `simulate`, tests and a clean shutdown can wait for the bot to
 * be idle, or for one message's outcome.
 */
export class Tracker<T> {
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly waiters = new Map<string, (outcome: T) => void>();

  /** Resolves when nothing is being handled. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves with the outcome once the message with this id has been handled (register before sending). */
  when(id: string): Promise<T> {
    return new Promise((resolve) => this.waiters.set(id, resolve));
  }

  /** Runs the handling of one message, counted in flight until it settles; `fallback` when it throws. */
  async track(id: string, run: () => Promise<T>, fallback: (err: unknown) => T): Promise<T> {
    this.inFlight += 1;
    let outcome: T | undefined;
    try {
      outcome = await run();
    } catch (err) {
      outcome = fallback(err);
    } finally {
      const waiter = this.waiters.get(id);
      if (waiter && outcome !== undefined) {
        this.waiters.delete(id);
        waiter(outcome);
      }
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
    return outcome;
  }
}
