/**
 * Scan progress, for the page (attributes on our host: data-scan="busy|done", data-ids="N") and for a benchmark
 * ("from document ready to every ID hoverable"): timings relative to the navigation start, and a promise for the
 * end of the current work.
 */
export interface ScanStats {
  /** performance.now() when the extension started working on this page. */
  startedAt: number;
  /** performance.now() when the first complete pass ended (every ID present then is hoverable). */
  firstDoneAt?: number;
  /** performance.now() when the last pass ended. */
  lastDoneAt?: number;
  busy: boolean;
  /** Detections registered (hoverable IDs) right now. */
  ids: number;
  passes: number;
  /** Main-thread time spent in scan slices, and the longest slice. */
  busyMs: number;
  longestSliceMs: number;
  /** Errors caught in our listeners and jobs (never rethrown into the page). */
  errors: number;
}

export class ScanStatus {
  readonly stats: ScanStats;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly publish: (state: 'busy' | 'done', ids: number) => void,
    now = performance.now(),
  ) {
    this.stats = { startedAt: now, busy: false, ids: 0, passes: 0, busyMs: 0, longestSliceMs: 0, errors: 0 };
  }

  setBusy(busy: boolean, ids: number): void {
    this.stats.ids = ids;
    if (busy === this.stats.busy) return;
    this.stats.busy = busy;
    if (!busy) {
      const now = performance.now();
      this.stats.firstDoneAt ??= now;
      this.stats.lastDoneAt = now;
      this.stats.passes++;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
    this.publish(busy ? 'busy' : 'done', ids);
  }

  /** Resolves when no scan work is queued (at once when idle), or after `timeoutMs`. */
  whenDone(timeoutMs = 5000): Promise<ScanStats> {
    if (!this.stats.busy) return Promise.resolve(this.stats);
    return new Promise((ok) => {
      const timer = setTimeout(() => ok(this.stats), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        ok(this.stats);
      });
    });
  }
}
