/**
 * Runs generator jobs in slices of a few milliseconds so scanning never blocks the page. Urgent jobs (the visible
 * part of the page, freshly added content) run at user-visible priority; the rest at background priority, which
 * the browser runs only when nothing more important (input, rendering, the page's own tasks) is waiting. A job
 * yields often (every run, every few dozen nodes); the scheduler checks the clock at each yield.
 */
export type Job = Generator<unknown, void, undefined>;

type Lane = 'urgent' | 'idle';

interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-visible' | 'background' }): Promise<unknown>;
}

const SLICE_MS = 6;

/** scheduler.postTask where the browser has it (Chrome 94+, Firefox 142+); else setTimeout and requestIdleCallback. */
function post(lane: Lane, run: () => void): void {
  const tasks = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof tasks?.postTask === 'function') {
    tasks.postTask(run, { priority: lane === 'urgent' ? 'user-visible' : 'background' }).catch(() => {});
  } else if (lane === 'idle' && typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 200 });
  else setTimeout(run, 0);
}

export interface SchedulerOptions {
  /** Work was queued on an idle scheduler, or a job ended (read `busy` for whether work is left). */
  onProgress: () => void;
  onError: (error: unknown) => void;
}

export class Scheduler {
  private urgent: Job[] = [];
  private idle: Job[] = [];
  /** The lane of the task already posted, if any; a newer generation makes posted tasks no-ops. */
  private posted: Lane | undefined;
  private generation = 0;
  private running = false;

  constructor(private readonly options: SchedulerOptions) {}

  get busy(): boolean {
    return this.urgent.length > 0 || this.idle.length > 0;
  }

  add(job: Job, lane: Lane = 'idle'): void {
    const wasBusy = this.busy;
    (lane === 'urgent' ? this.urgent : this.idle).push(job);
    if (!wasBusy) this.options.onProgress();
    this.schedule();
  }

  /** Drops every queued job (a full rescan supersedes them, or the extension was switched off). */
  clear(): void {
    const wasBusy = this.busy;
    for (const job of [...this.urgent, ...this.idle]) job.return();
    this.urgent = [];
    this.idle = [];
    this.generation++;
    this.posted = undefined;
    if (wasBusy) this.options.onProgress();
  }

  private schedule(): void {
    if (this.running) return;
    const lane: Lane | undefined = this.urgent.length ? 'urgent' : this.idle.length ? 'idle' : undefined;
    // Urgent work does not wait behind a background task already posted.
    if (!lane || this.posted === 'urgent' || this.posted === lane) return;
    const generation = ++this.generation;
    this.posted = lane;
    post(lane, () => {
      if (generation !== this.generation) return;
      this.posted = undefined;
      try {
        this.run();
      } catch (error) {
        this.options.onError(error);
      }
    });
  }

  private run(): void {
    this.running = true;
    const end = performance.now() + SLICE_MS;
    let ended = false;
    try {
      while (performance.now() < end) {
        const queue = this.urgent.length ? this.urgent : this.idle;
        const job = queue[0];
        if (!job) break;
        let done = true;
        try {
          done = job.next().done === true;
        } catch (error) {
          this.options.onError(error);
        }
        if (done) {
          queue.shift();
          ended = true;
        }
      }
    } finally {
      this.running = false;
    }
    if (this.busy) this.schedule();
    if (ended || !this.busy) this.options.onProgress();
  }
}
