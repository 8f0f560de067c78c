import { debounceMs, needsFullRescan, outermost, RateCounter } from './batch-plan.ts';
import { inlineSpanOf, inSkippedRegion, isInline, type InlineSpan } from './dom-walk.ts';

/**
 * What a batch of mutations asks for: blocks added (scanned like a page, by candidates), blocks moved (walked with
 * care: they may hold hits from where they were), spans of inline text that changed (walked again), whether nodes
 * left the page, or one full rescan.
 */
export interface ChangeBatch {
  full: boolean;
  roots: Node[];
  moved: Node[];
  spans: InlineSpan[];
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
      const batch = overflow ? { full: true, roots: [], moved: [], spans: [], removed: true } : this.plan(records);
      if (batch.full || batch.roots.length || batch.spans.length || batch.removed) this.options.onBatch(batch);
    } catch (error) {
      this.options.onError(error);
    }
    this.options.onPendingChange();
  }

  /**
   * Which parts to scan again. An added block is scanned whole; text that arrived, changed or left (or an inline
   * element) is scanned with the inline span around it, the most text one run can reach: the span's block may be a
   * timeline of a thousand comments, which a new comment and the line break after it must not have walked again. A
   * block added or removed between inline siblings splits or joins their runs: the spans beside it are scanned too.
   */
  private plan(records: MutationRecord[]): ChangeBatch {
    const roots = new Set<Node>();
    const moved = new Set<Node>();
    const spans = new Map<Node, InlineSpan>();
    let removed = false;
    const { ours } = this.options;
    const spanAround = (node: Node | null) => {
      if (!node || ours.owns(node)) return;
      const span = inlineSpanOf(node);
      if (span && !spans.has(span.first)) spans.set(span.first, span);
    };
    const besides = (node: Node) => {
      spanAround(node.previousSibling);
      spanAround(node.nextSibling);
    };
    for (const r of records) {
      if (ours.owns(r.target)) continue;
      if (r.type === 'characterData') {
        spanAround(r.target);
        continue;
      }
      for (const n of r.addedNodes) {
        if (ours.owns(n) || n.parentNode !== r.target) continue;
        if (n.nodeType === 1 && !isInline(n)) {
          roots.add(n);
          besides(n);
        } else spanAround(n);
      }
      if (r.removedNodes.length) {
        removed = true;
        // Removing text or an element can join or split the text around where it was.
        if (isInline(r.target)) spanAround(r.target);
        spanAround(r.previousSibling?.parentNode === r.target ? r.previousSibling : null);
        spanAround(r.nextSibling?.parentNode === r.target ? r.nextSibling : null);
        // Back in the page (moved): its hits were kept, and the candidate path would not look at all of them.
        for (const n of r.removedNodes) {
          if (!n.isConnected || ours.owns(n)) continue;
          if (n.nodeType === 1 && !isInline(n)) moved.add(n);
          else spanAround(n);
        }
      }
    }
    const live = [...roots].filter((n) => n.isConnected && !inSkippedRegion(n));
    const liveMoved = [...moved].filter((n) => !inSkippedRegion(n));
    const liveSpans = [...spans.values()].filter((s) => {
      const parent = s.first.parentNode;
      return parent !== null && parent === s.last.parentNode && !inSkippedRegion(parent);
    });
    if (needsFullRescan(records.length, live.length + liveMoved.length + liveSpans.length))
      return { full: true, roots: [], moved: [], spans: [], removed };
    const parent = (n: Node) => n.parentNode;
    return {
      full: false,
      roots: outermost(live, parent),
      moved: outermost(liveMoved, parent),
      spans: liveSpans,
      removed,
    };
  }
}
