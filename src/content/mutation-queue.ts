import { debounceMs, needsFullRescan, outermost, RateCounter } from './batch-plan.ts';
import { inSkippedRegion, isInline, rescanRoot } from './dom-walk.ts';

/** What a batch of mutations asks for: subtrees to rescan, whether text left the page, or one full rescan. */
export interface ChangeBatch {
  full: boolean;
  roots: Node[];
  removed: boolean;
}

export interface MutationQueueOptions {
  /** Our own UI: changes in it are not the page's. */
  ours: { owns(node: Node | null): boolean };
  /** A debounced batch of changes to rescan. */
  onBatch: (batch: ChangeBatch) => void;
  onError: (error: unknown) => void;
  /** Work was queued or taken: the owner's busy state may change (read `pending`). */
  onPendingChange: () => void;
}

/**
 * Watches the page for text that arrives or changes later (infinite scroll, soft navigation, React re-renders).
 * The observer callback only queues records; the work happens after a short debounce, in one batch.
 */
export class MutationQueue {
  private readonly observer: MutationObserver;
  private records: MutationRecord[] = [];
  private overflow = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly rate = new RateCounter();

  constructor(private readonly options: MutationQueueOptions) {
    this.observer = new MutationObserver((records) => {
      try {
        this.queue(records);
      } catch (error) {
        options.onError(error);
      }
    });
  }

  /** Mutations are waiting for their batch. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  observe(target: Node): void {
    this.observer.observe(target, { childList: true, characterData: true, subtree: true });
  }

  disconnect(): void {
    this.observer.disconnect();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.records = [];
    this.overflow = false;
  }

  private queue(records: MutationRecord[]): void {
    // Past the full-rescan size the records themselves no longer matter: stop keeping them.
    if (!this.overflow) {
      for (const r of records) this.records.push(r);
      if (this.records.length > 4000) {
        this.overflow = true;
        this.records = [];
      }
    }
    const recent = this.rate.add(performance.now(), records.length);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), debounceMs(recent));
    this.options.onPendingChange();
  }

  private flush(): void {
    this.timer = undefined;
    const records = this.records;
    const overflow = this.overflow;
    this.records = [];
    this.overflow = false;
    try {
      const batch = overflow ? { full: true, roots: [], removed: true } : this.plan(records);
      if (batch.full || batch.roots.length || batch.removed) this.options.onBatch(batch);
    } catch (error) {
      this.options.onError(error);
    }
    this.options.onPendingChange();
  }

  private plan(records: MutationRecord[]): ChangeBatch {
    const roots = new Set<Node>();
    let removed = false;
    const { ours } = this.options;
    const add = (node: Node | null) => {
      if (node && !ours.owns(node)) roots.add(node);
    };
    for (const r of records) {
      if (ours.owns(r.target)) continue;
      if (r.type === 'characterData') {
        add(rescanRoot(r.target));
        continue;
      }
      for (const n of r.addedNodes) {
        if (!ours.owns(n)) add(rescanRoot(n));
      }
      if (r.removedNodes.length) {
        removed = true;
        // Removing text or an inline element can join or split the text around it.
        for (const n of r.removedNodes) {
          if (n.nodeType === 3 || isInline(n)) {
            add(rescanRoot(r.target));
            break;
          }
        }
      }
    }
    const live = [...roots].filter((n) => n.isConnected && !inSkippedRegion(n));
    if (needsFullRescan(records.length, live.length)) return { full: true, roots: [], removed };
    return { full: false, roots: outermost(live, (n) => n.parentNode), removed };
  }
}
