import { HttpError } from './errors.js';

/**
 * Runs the statistics one at a time per process, shares one run among identical requests, and turns away
 * requests beyond a short queue. Reading a village's cases for two years loads every case (about 1 KB each),
 * so sixteen different ranges at once would hold the event loop for seconds and stall /healthz and every page.
 */
export class StatsRunner<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(
    private readonly concurrency = 1,
    private readonly maxWaiting = 16,
  ) {}

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key);
    if (shared) return shared;
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting) {
      throw new HttpError(503, 'Service Unavailable: too many statistics requests at once', '统计正忙，请稍后再试。');
    }
    const result = this.slot()
      .then(compute)
      .finally(() => {
        this.inFlight.delete(key);
        this.release();
      });
    this.inFlight.set(key, result);
    return result;
  }

  private async slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  // A finished run hands its slot straight to the next in line, so a newcomer cannot slip in between.
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
