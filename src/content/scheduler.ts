/**
 * Runs generator jobs in slices of a few milliseconds so scanning never blocks the page. Urgent jobs (the visible
 * part of the page, freshly added content) run on the next task; the rest waits for idle time. A job yields often
 * (every run, every few dozen nodes); the scheduler checks the clock at each yield.
 */
export type Job = Generator<unknown, void, undefined>;

type Lane = 'urgent' | 'idle';

const SLICE_MS = 8;

export class Scheduler {
  private urgent: Job[] = [];
  private idle: Job[] = [];
  private timer: number | undefined;
  private idleHandle: number | undefined;
  private running = false;
  /** Total time spent in slices, and the longest slice (for the benchmark API). */
  busyMs = 0;
  longestSliceMs = 0;

  constructor(
    private readonly onBusyChange: (busy: boolean) => void,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get busy(): boolean {
    return this.urgent.length > 0 || this.idle.length > 0;
  }

  add(job: Job, lane: Lane = 'idle'): void {
    const wasBusy = this.busy;
    (lane === 'urgent' ? this.urgent : this.idle).push(job);
    if (!wasBusy) this.onBusyChange(true);
    this.schedule();
  }

  /** Drops every queued job (a full rescan supersedes them, or the extension was switched off). */
  clear(): void {
    const wasBusy = this.busy;
    for (const job of [...this.urgent, ...this.idle]) job.return();
    this.urgent = [];
    this.idle = [];
    this.cancel();
    if (wasBusy) this.onBusyChange(false);
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.idleHandle !== undefined) cancelIdleCallback(this.idleHandle);
    this.timer = undefined;
    this.idleHandle = undefined;
  }

  private schedule(): void {
    if (this.running || this.timer !== undefined) return;
    if (this.urgent.length) {
      if (this.idleHandle !== undefined) cancelIdleCallback(this.idleHandle);
      this.idleHandle = undefined;
      this.timer = setTimeout(() => this.run(SLICE_MS), 0) as unknown as number;
    } else if (this.idle.length && this.idleHandle === undefined) {
      if (typeof requestIdleCallback === 'function') {
        // The timeout keeps work moving on pages that are never idle; the slice stays short either way.
        this.idleHandle = requestIdleCallback((deadline) => this.run(Math.min(SLICE_MS, Math.max(2, deadline.timeRemaining()))), { timeout: 300 });
      } else this.timer = setTimeout(() => this.run(SLICE_MS), 16) as unknown as number;
    }
  }

  private run(budget: number): void {
    this.timer = undefined;
    this.idleHandle = undefined;
    this.running = true;
    const start = performance.now();
    const end = start + budget;
    try {
      while (performance.now() < end) {
        const queue = this.urgent.length ? this.urgent : this.idle;
        const job = queue[0];
        if (!job) break;
        let done = true;
        try {
          done = job.next().done === true;
        } catch (error) {
          this.onError(error);
        }
        if (done) queue.shift();
      }
    } finally {
      const spent = performance.now() - start;
      this.busyMs += spent;
      if (spent > this.longestSliceMs) this.longestSliceMs = spent;
      this.running = false;
    }
    if (this.busy) this.schedule();
    else this.onBusyChange(false);
  }
}
