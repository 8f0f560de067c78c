/**
 * Scan progress, for the page (attributes on our host: data-scan="busy|done", data-ids="N", which benchmarks and
 * tests read) and for requests that want the scan in progress finished first (a promise for the end of the work).
 */
export class ScanStatus {
  private busy = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly publish: (state: 'busy' | 'done', ids: number) => void) {}

  setBusy(busy: boolean, ids: number): void {
    if (busy === this.busy) return;
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
