/**
 * The service worker's pending requests, bounded and fair. Every context of ours may ask (each tab's content script,
 * each extension page); one that floods (10,000 requests at once) must not starve the others or grow memory without
 * end. So: identical requests pending from one sender share one answer; past `maxPendingPerSender` a sender's new
 * requests are refused at once ("busy"); jobs run one at a time, senders taking turns, with a macrotask between jobs
 * so that newly arrived requests (from anyone) are queued and get their turn.
 */
export interface WorkQueueOptions {
  maxPendingPerSender: number;
  /** Runs `fn` in a later macrotask (setTimeout in the worker; tests may pass their own). */
  later?: (fn: () => void) => void;
}

interface Job {
  key: string;
  work: () => unknown;
  promise: Promise<unknown>;
  settle: (ok: boolean, value: unknown) => void;
}

export class BusyError extends Error {
  constructor() {
    super('busy: too many pending requests from this sender');
  }
}

export class WorkQueue {
  private readonly max: number;
  private readonly later: (fn: () => void) => void;
  /** Pending jobs per sender, in arrival order; a sender with none is not in the map. */
  private readonly queues = new Map<string, Job[]>();
  private running = false;
  /** Jobs refused since start (for tests and diagnostics). */
  refused = 0;

  constructor(options: WorkQueueOptions) {
    this.max = options.maxPendingPerSender;
    this.later = options.later ?? ((fn) => setTimeout(fn, 0));
  }

  /** Pending jobs of every sender. */
  get pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** Runs `work` for `sender`; an identical pending request (same `key`) from the same sender shares its answer. */
  run<T>(sender: string, key: string, work: () => T | Promise<T>): Promise<T> {
    let queue = this.queues.get(sender);
    const same = queue?.find((j) => j.key === key);
    if (same) return same.promise as Promise<T>;
    if (queue && queue.length >= this.max) {
      this.refused++;
      return Promise.reject(new BusyError());
    }
    let settle!: Job['settle'];
    const promise = new Promise<unknown>((resolve, reject) => {
      settle = (ok, value) => (ok ? resolve(value) : reject(value));
    });
    if (!queue) this.queues.set(sender, (queue = []));
    queue.push({ key, work, promise, settle });
    this.kick();
    return promise as Promise<T>;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.later(() => void this.step());
  }

  /** One job of the sender whose turn it is; that sender then goes to the back of the line. */
  private async step(): Promise<void> {
    const next = this.queues.entries().next();
    if (next.done) {
      this.running = false;
      return;
    }
    const [sender, queue] = next.value;
    const job = queue.shift()!;
    try {
      job.settle(true, await job.work());
    } catch (error) {
      job.settle(false, error);
    }
    // This sender goes to the back of the line (a Map keeps insertion order): senders take turns. Requests that
    // arrived during the job were added to the same array.
    this.queues.delete(sender);
    if (queue.length) this.queues.set(sender, queue);
    if (this.queues.size === 0) {
      this.running = false;
      return;
    }
    this.later(() => void this.step());
  }
}
