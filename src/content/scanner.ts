import type { Detector } from '../core/detect.ts';
import { outermost } from './batch-plan.ts';
import { blockOf, inSkippedRegion, isSkipped, walkRuns, type InlineSpan } from './dom-walk.ts';
import type { HitIndex } from './hit-index.ts';
import type { Job, Scheduler } from './scheduler.ts';
import { chunks, detectChunk, type Run } from './text-runs.ts';
import { textsAt, textUnits, unitText, type TextUnit } from './text-units.ts';

/** Characters of a unit's text searched for candidates per regex call. */
const WINDOW = 64 * 1024;

export interface ScannerOptions {
  doc: Document;
  /** Where hits go. */
  index: HitIndex;
  /** Runs the scan jobs in slices. */
  scheduler: Scheduler;
  detector: Detector;
  /** Watches each open shadow root met for changes (the mutation queue). */
  watcher: { observe(root: Node): void };
}

/**
 * Turns page text into hits: a full pass guided by candidates (see text-units.ts) and rescans of the subtrees
 * that changed. All of it runs as sliced jobs on the scheduler.
 */
export class Scanner {
  private shadowRoots = new Set<ShadowRoot>();
  private readonly doc: Document;
  private readonly index: HitIndex;
  private readonly scheduler: Scheduler;
  private readonly watcher: ScannerOptions['watcher'];
  /** Replaced when the user switches families on or off (then a full scan follows). */
  detector: Detector;

  constructor(options: ScannerOptions) {
    ({ doc: this.doc, index: this.index, scheduler: this.scheduler, watcher: this.watcher } = options);
    this.detector = options.detector;
  }

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
    this.watcher.observe(shadow);
    this.scheduler.add(this.scan(shadow, { replace: true }), lane);
    return true;
  }

  /** Forget everything and scan the whole page again. */
  full(): void {
    this.scheduler.clear();
    this.index.clear();
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return;
    this.scheduler.add(this.scanCandidates(root, false), 'urgent');
    for (const shadow of this.roots) this.scheduler.add(this.scan(shadow, {}), 'idle');
  }

  /**
   * Scan again what changed (see MutationQueue.plan): added blocks the way a page is scanned, by candidates; spans
   * of inline text by walking them. What the scanned text held before is forgotten first, so nothing counts twice.
   */
  rescan(changed: { roots: Node[]; moved: Node[]; spans: InlineSpan[] }): void {
    this.scheduler.add(this.rescanJob(changed), 'urgent');
  }

  /**
   * Scans one block at once, outside the sliced jobs: the text under the pointer, which the page scan has not reached
   * yet (a huge page is read top down, and its first screen may be anywhere in it). `replace`, so a block scanned
   * already is not counted twice, and the page scan reaching it later finds its hits registered (HitIndex.add).
   * The caller keeps the block small (see smallBlockAt).
   */
  scanNow(block: Element): void {
    if (inSkippedRegion(block)) return;
    this.index.addAhead(() => {
      for (const step of this.scan(block, { replace: true }, true)) void step;
    });
  }

  private *rescanJob({ roots, moved, spans }: { roots: Node[]; moved: Node[]; spans: InlineSpan[] }): Job {
    for (const root of roots) yield* this.scanCandidates(root, true);
    for (const root of moved) yield* this.scan(root, { replace: true });
    for (const span of spans) {
      const parent = span.first.parentNode;
      if (!parent || span.last.parentNode !== parent || inSkippedRegion(parent)) continue;
      yield* this.scan(parent, { replace: true, span }, true);
    }
  }

  /**
   * The whole of `root`, touching as few nodes as it can (see text-units.ts): each unit's text is read natively and
   * searched for candidates (see candidatePattern); in units that have some, a lean walk finds the text nodes under
   * them; the blocks holding those are then scanned as usual (runs, skipped regions, context, shadow hosts). The same
   * detections as the careful walk over every node: a candidate covers every detection, and the blocks are what that
   * walk reads runs in. A page without IDs costs one read of its text and a regex. `replace`: a rescan, so the
   * hits of each text node scanned are forgotten first (new content has none; content moved from elsewhere on the
   * page, which may, is walked with care instead: see MutationQueue.plan).
   */
  private *scanCandidates(root: Node, replace: boolean): Job {
    if (inSkippedRegion(root)) return;
    const skipped = new SkipCache(root);
    const seen = new Set<Node>();
    /** Blocks that reach outside their unit (text right under a split parent): scanned last, see below. */
    const deferred = new Set<Node>();
    for (const unit of textUnits(root)) {
      if (!unit) {
        yield;
        continue;
      }
      const { text, starts } = unitText(unit);
      const spans: number[] = [];
      for (let from = 0; from < text.length; from += WINDOW) {
        this.detector.candidates(text, from, Math.min(text.length, from + WINDOW), spans);
        if (from + WINDOW < text.length) yield;
      }
      if (spans.length) {
        const inside = new Set<Node>();
        const within = withinUnit(unit);
        for (const t of yield* textsAt(unit, starts, spans)) {
          const block = blockOf(t);
          if (block) (within(block) ? inside : deferred).add(block);
        }
        // Scanned as each unit is read, in document order, so the IDs at the top of a huge page are hoverable
        // before the rest of it has been read.
        this.findShadowHosts(inside, root, seen);
        yield* this.scanBlocks(
          outermost(inside, (b) => b.parentNode),
          skipped,
          replace,
        );
      }
      yield;
    }
    // A block that holds several units (text right under <body>, say) is walked whole, once every unit is read;
    // `replace` drops what its inner blocks registered on the way, so nothing counts twice.
    this.findShadowHosts(deferred, root, seen);
    yield* this.scanBlocks(
      outermost(deferred, (b) => b.parentNode),
      skipped,
      true,
    );
  }

  private *scanBlocks(blocks: Iterable<Node>, skipped: SkipCache, replace: boolean): Job {
    let n = 0;
    for (const block of blocks) {
      if (skipped.has(block)) continue;
      const only = block.firstChild;
      // One text node and nothing else (a table cell, a <pre> of scanner output): that node is the block's one run,
      // so the careful walk (a TreeWalker, caches) is skipped; on a page of 50,000 such cells it was most of the cost.
      if (only && only === block.lastChild && only.nodeType === 3) {
        const text = only as Text;
        if (replace) this.index.removeNode(text);
        yield* this.detectRun({ nodes: [text], starts: [0], text: text.data });
        if (++n % 64 === 0) yield;
      } else yield* this.scan(block, replace ? { replace: true } : {}, true);
    }
  }

  /** Open shadow roots on the blocks and their ancestors (the careful walk met them on the way down). */
  private findShadowHosts(blocks: Iterable<Node>, root: Node, seen: Set<Node>): void {
    for (const block of blocks) {
      for (let n: Node | null = block; n && n !== root && !seen.has(n); n = n.parentNode) {
        seen.add(n);
        const shadow = (n as Element).shadowRoot;
        if (shadow) this.addShadowRoot(shadow);
      }
    }
  }

  /** `checked`: the caller knows root is in no skipped region. */
  private *scan(root: Node, opts: { replace?: boolean; span?: InlineSpan }, checked = false): Job {
    if (!checked && root.nodeType === 1 && inSkippedRegion(root)) return;
    const { index } = this;
    const runs = walkRuns(root, {
      ...(opts.replace ? { onText: (text: Text) => index.removeNode(text) } : {}),
      ...(opts.span ? { span: opts.span } : {}),
      onShadowRoot: (shadow) => this.addShadowRoot(shadow),
    });
    for (const run of runs) {
      if (run) yield* this.detectRun(run);
      else yield;
    }
  }

  private *detectRun(run: Run<Text>): Job {
    if (!this.detector.mayContain(run.text)) return;
    const detect = (text: string) => this.detector.detect(text);
    for (const chunk of chunks(run.text)) {
      for (const d of detectChunk(detect, run.text, chunk)) this.index.add(run, d);
      yield;
    }
  }
}

/**
 * Whether nodes under `root` (itself in no skipped region) lie in a skipped subtree, remembering the answer for each
 * ancestor on the way: asking for each of 50,000 blocks separately climbed to the root every time.
 */
class SkipCache {
  private readonly known = new Map<Node, boolean>();

  constructor(private readonly root: Node) {
    this.known.set(root, false);
  }

  has(node: Node): boolean {
    // Kept small: each node held keeps its wrapper alive in the extension world's map (see walkRuns).
    if (this.known.size > 4096) {
      const root = this.root;
      this.known.clear();
      this.known.set(root, false);
    }
    const path: Node[] = [];
    let found: boolean | undefined;
    for (let n: Node | null = node; n; n = n.parentNode) {
      found = this.known.get(n);
      if (found !== undefined) break;
      path.push(n);
    }
    // Disconnected on the way (no cached ancestor reached): nothing to scan.
    let skipped = found ?? true;
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i]!;
      if (!skipped && n.nodeType === 1 && isSkipped(n as Element)) skipped = true;
      this.known.set(n, skipped);
    }
    return skipped;
  }
}

/** Whether a block is one of the unit's nodes or inside one (so no other unit holds any of its text). */
function withinUnit(unit: TextUnit): (block: Node) => boolean {
  const parent = unit[0]!.parentNode;
  const members = unit.length > 8 ? new Set(unit) : undefined;
  return (block) => {
    let n: Node | null = block;
    while (n && n.parentNode !== parent) n = n.parentNode;
    return n !== null && (members ? members.has(n) : unit.includes(n));
  };
}
