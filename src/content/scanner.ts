import type { Detector } from '../core/detect.ts';
import { outermost } from './batch-plan.ts';
import { blockOf, inSkippedRegion, walkRuns } from './dom-walk.ts';
import type { HitIndex } from './hit-index.ts';
import type { Job, Scheduler } from './scheduler.ts';
import { chunks, detectChunk, mayContainId, type Run } from './text-runs.ts';
import { textsAt, textUnits, unitText } from './text-units.ts';

/** Characters of a unit's text searched for candidates per regex call. */
const WINDOW = 64 * 1024;

/**
 * Turns page text into hits: a full pass guided by candidates (see text-units.ts) and rescans of the subtrees
 * that changed. All of it runs as sliced jobs on the scheduler.
 */
export class Scanner {
  private shadowRoots = new Set<ShadowRoot>();

  constructor(
    private readonly doc: Document,
    private readonly index: HitIndex,
    private readonly scheduler: Scheduler,
    public detector: Detector,
    /** A newly met open shadow root: the caller observes it for changes. */
    private readonly onShadowRoot: (root: ShadowRoot) => void = () => {},
  ) {}

  /** Open shadow roots met so far (hover lookups need them to see inside). */
  get roots(): ShadowRoot[] {
    return [...this.shadowRoots].filter((r) => r.host.isConnected);
  }

  /**
   * An open shadow root to scan and keep watching. Met on the way (a host above some text) or under the pointer
   * (a web component with no text of its own outside): finding every host up front would touch every element.
   * Returns false when it was known already.
   */
  addShadowRoot(shadow: ShadowRoot, lane: 'urgent' | 'idle' = 'idle'): boolean {
    if (this.shadowRoots.has(shadow)) return false;
    this.shadowRoots.add(shadow);
    this.onShadowRoot(shadow);
    this.scheduler.add(this.scan(shadow, { replace: true }), lane);
    return true;
  }

  /** Forget everything and scan the whole page again. */
  full(): void {
    this.scheduler.clear();
    this.index.clear();
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return;
    this.scheduler.add(this.scanCandidates(root), 'urgent');
    for (const shadow of this.roots) this.scheduler.add(this.scan(shadow, {}), 'idle');
  }

  /** Scan again subtrees whose text changed; what they held before is forgotten first. */
  rescan(roots: Node[]): void {
    for (const root of roots) this.scheduler.add(this.scan(root, { replace: true }), 'urgent');
  }

  /**
   * The whole of `root`, touching as few nodes as it can (see text-units.ts): each unit's text is read natively and
   * searched for candidates (see candidatePattern); in units that have some, a lean walk finds the text nodes under
   * them; the blocks holding those are then scanned as usual (runs, skipped regions, context, shadow hosts). The same
   * detections as the careful walk over every node: a candidate covers every detection, and the blocks are what that
   * walk reads runs in. A page without IDs costs one read of its text and a regex.
   */
  private *scanCandidates(root: Element): Job {
    if (inSkippedRegion(root)) return;
    const blocks = new Set<Node>();
    for (const unit of textUnits(root)) {
      if (!unit) {
        yield;
        continue;
      }
      const text = unitText(unit);
      const spans: number[] = [];
      for (let from = 0; from < text.length; from += WINDOW) {
        this.detector.candidates(text, from, Math.min(text.length, from + WINDOW), spans);
        if (from + WINDOW < text.length) yield;
      }
      if (spans.length) {
        for (const t of yield* textsAt(unit, spans)) {
          const block = blockOf(t);
          if (block) blocks.add(block);
        }
      }
      yield;
    }
    this.findShadowHosts(blocks, root);
    // Collected over the whole page first: a block may hold several units (text right under <body>, say).
    for (const block of outermost(blocks, (n) => n.parentNode)) yield* this.scan(block, {});
  }

  /** Open shadow roots on the blocks and their ancestors (the careful walk met them on the way down). */
  private findShadowHosts(blocks: Iterable<Node>, root: Node): void {
    const seen = new Set<Node>();
    for (const block of blocks) {
      for (let n: Node | null = block; n && n !== root && !seen.has(n); n = n.parentNode) {
        seen.add(n);
        const shadow = (n as Element).shadowRoot;
        if (shadow) this.addShadowRoot(shadow);
      }
    }
  }

  private *scan(root: Node, opts: { replace?: boolean }): Job {
    if (root.nodeType === 1 && inSkippedRegion(root)) return;
    const { index } = this;
    const runs = walkRuns(root, {
      ...(opts.replace ? { onText: (text: Text) => index.removeNode(text) } : {}),
      onShadowRoot: (shadow) => this.addShadowRoot(shadow),
    });
    for (const run of runs) {
      if (run) yield* this.detectRun(run);
      else yield;
    }
  }

  private *detectRun(run: Run<Text>): Job {
    if (!mayContainId(run.text)) return;
    const detect = (text: string) => this.detector.detect(text);
    for (const chunk of chunks(run.text)) {
      for (const d of detectChunk(detect, run.text, chunk)) this.index.add(run, d);
      yield;
    }
  }
}
