import type { Detector } from '../core/detect.ts';
import { inSkippedRegion, walkRuns } from './dom-walk.ts';
import type { HitIndex } from './hit-index.ts';
import type { Job, Scheduler } from './scheduler.ts';
import { chunks, detectChunk, mayContainId, type Run } from './text-runs.ts';

/**
 * Turns page text into hits: a full pass (what is on screen first, the rest in idle time) and rescans of the
 * subtrees that changed. All of it runs as sliced jobs on the scheduler.
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

  /** Forget everything and scan the whole page again. */
  full(): void {
    this.scheduler.clear();
    this.index.clear();
    const root = this.doc.body ?? this.doc.documentElement;
    if (!root) return;
    const seen = new WeakSet<Text>();
    for (const part of visibleParts(this.doc, root)) this.scheduler.add(this.scan(part, { mark: seen }), 'urgent');
    this.scheduler.add(this.scan(root, { skip: seen }), 'idle');
    for (const shadow of this.roots) this.scheduler.add(this.scan(shadow, {}), 'idle');
  }

  /** Scan again subtrees whose text changed; what they held before is forgotten first. */
  rescan(roots: Node[]): void {
    for (const root of roots) this.scheduler.add(this.scan(root, { replace: true }), 'urgent');
  }

  private *scan(root: Node, opts: { mark?: WeakSet<Text>; skip?: WeakSet<Text>; replace?: boolean }): Job {
    if (root.nodeType === 1 && inSkippedRegion(root)) return;
    const { index } = this;
    const runs = walkRuns(root, {
      ...(opts.skip ? { skip: opts.skip } : {}),
      onText: (text) => {
        opts.mark?.add(text);
        if (opts.replace) index.removeNode(text);
      },
      onShadowRoot: (shadow) => {
        if (this.shadowRoots.has(shadow)) return;
        this.shadowRoots.add(shadow);
        this.onShadowRoot(shadow);
        this.scheduler.add(this.scan(shadow, { replace: true }), 'idle');
      },
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

/**
 * The parts of the page on screen now: for a few points down the middle of the viewport, the largest ancestor of
 * the element there that is still at most about two screens tall. Scanned first, so what the reader sees is
 * hoverable at once even on a huge page.
 */
export function visibleParts(doc: Document, root: Element): Element[] {
  const view = doc.defaultView;
  if (!view || typeof doc.elementFromPoint !== 'function') return [];
  const h = view.innerHeight;
  const w = view.innerWidth;
  const parts: Element[] = [];
  for (const y of [0.15, 0.5, 0.85]) {
    let el = doc.elementFromPoint(w / 2, h * y);
    if (!el || !root.contains(el) || el === root) continue;
    while (el.parentElement && el.parentElement !== root && el.parentElement.getBoundingClientRect().height <= h * 2) el = el.parentElement;
    if (!parts.some((p) => p.contains(el!))) {
      for (let i = parts.length - 1; i >= 0; i--) if (el.contains(parts[i]!)) parts.splice(i, 1);
      parts.push(el);
    }
  }
  return parts;
}
