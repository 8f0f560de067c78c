/**
 * Scan progress, for the page (attributes on our host: data-scan="busy|done", data-ids="N", which benchmarks and
 * tests read) and for requests that want the scan in progress finished first (a promise for the end of the work).
 */
export class ScanStatus {
  private busy = false;
  private ids = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly publish: (state: 'busy' | 'done', ids: number) => void) {}

  /**
   * Called when work is queued or a job ends. While busy, a new count is published too: on a live page one batch
   * of changes follows another, and the IDs of each are hoverable as soon as its job ends, not when all are done.
   */
  setBusy(busy: boolean, ids: number): void {
    const before = this.ids;
    this.ids = ids;
    if (busy === this.busy) {
      if (busy && ids !== before) this.publish('busy', ids);
      return;
    }
    this.busy = busy;
    if (!busy) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
    this.publish(busy ? 'busy' : 'done', ids);
  }

  /** Resolves when no scan work is queued (at once when idle), or after `timeoutMs`. */
  whenDone(timeoutMs = 5000): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((ok) => {
      const timer = setTimeout(ok, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        ok();
      });
    });
  }
}
