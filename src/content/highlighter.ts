import { isInline } from './dom-walk.ts';
import { hasMoreElements } from './element-count.ts';
import type { Hit, HitListener } from './hit-index.ts';
import { isLongText, LongTextGroup } from './long-text.ts';
import { safe } from './safe.ts';

/** Names used in src/content/highlight.css (a manifest stylesheet, so adding it never restyles a loaded page). */
export const HIGHLIGHT = 'secid-lens';
/** The same marking as a tint, for huge pages (see `largePage`). */
export const TINT = 'secid-lens-tint';
export const FLASH = 'secid-lens-flash';

/**
 * Above this many elements, IDs are tinted instead of underlined: in Chrome a highlight with text-decoration makes
 * every change of the highlight recompute paint for the whole page (about 70 ms on a 10 MB page), a background
 * colour does not.
 */
const LARGE_PAGE_ELEMENTS = 50_000;

/** Hits per chunk: the unit whose extent is measured on every sync. */
const CHUNK = 128;
/**
 * Most ranges in the highlight at once. Chrome's cost of a highlight grows with its ranges, and faster than linearly
 * when many fall in one line box: 26,000 ranges in a one-line 1 MB <pre> froze the tab for minutes. A screen and a
 * half either side rarely holds more; past this, the ones beyond are simply not underlined until scrolled near.
 */
const MAX_RANGES = 1500;
/** Long text nodes followed at once (each costs a box read, and a caret lookup when on screen, per sync). */
const MAX_LONG = 64;
/** Least time between two syncs (each measures every chunk). */
const SYNC_MS = 120;

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** Consecutive hits in document order: one measurement of its first and last hit tells whether any may be near. */
interface Chunk {
  hits: Hit[];
  dead: number;
  /** Vertical extent in document coordinates, measured lazily; undefined when unknown or stale. */
  top?: number;
  bottom?: number;
}

/**
 * Underlines hits with the CSS Custom Highlight API, without touching the page's nodes. Only hits near the
 * viewport (one screen above and below) are in the highlight: the browser revalidates every range of a highlight
 * on each change, so a highlight of all 30,000 IDs of a huge page would cost a long task per change.
 *
 * Which hits are near is measured right after a rendering frame, when the browser has just laid the page out, so
 * the reads cost no layout of ours (measured inside the frame callback, a page that had just appended content paid
 * its layout there: 15-20 ms tasks of ours on a live page). Hits are kept in chunks of
 * consecutive hits, each chunk's extent is its first and last hit, and only chunks whose extent meets the band get
 * their hits measured one by one. No observer per element: IntersectionObserver with tens of thousands of targets
 * costs the page on every frame.
 */
export class Highlighter implements HitListener {
  private readonly highlight = new Highlight();
  private name: string | undefined;
  private readonly chunks: Chunk[] = [];
  private readonly chunkOf = new WeakMap<Hit, Chunk>();
  /** Hits in long text nodes (see long-text.ts), by node: their positions are estimated, not measured. */
  private readonly long = new Map<Text, LongTextGroup>();
  private readonly longOf = new WeakMap<Hit, LongTextGroup>();
  private frame: number | undefined;
  private lastSync = 0;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();
  private readonly resize: ResizeObserver | undefined;

  constructor(
    private readonly doc: Document,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    const view = doc.defaultView;
    const opts = { capture: true, passive: true, signal: this.abort.signal };
    doc.addEventListener(
      'scroll',
      safe((e: Event) => this.onScroll(e)),
      opts,
    );
    view?.addEventListener(
      'resize',
      safe(() => this.invalidate()),
      opts,
    );
    doc.addEventListener(
      'fullscreenchange',
      safe(() => this.invalidate()),
      { signal: this.abort.signal },
    );
    // The page growing or shrinking (images, fonts, expanded sections) moves hits without any DOM change we see.
    if (typeof ResizeObserver === 'function' && doc.documentElement) {
      let first = true;
      this.resize = new ResizeObserver(safe(() => (first ? (first = false) : this.invalidate())));
      this.resize.observe(doc.documentElement);
    }
  }

  add(hit: Hit): void {
    const first = hit.nodes[0]!;
    if (isLongText(first)) {
      let group = this.long.get(first);
      if (!group && this.long.size < MAX_LONG) this.long.set(first, (group = new LongTextGroup(first)));
      if (group) {
        group.add(hit);
        this.longOf.set(hit, group);
        this.requestSync();
        return;
      }
    }
    // Hits arrive in document order within a scan job; a chunk that mixes jobs only spans more, which the
    // per-hit check of wide chunks absorbs. (compareDocumentPosition is linear in siblings: too slow here.)
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.hits.length >= CHUNK) {
      chunk = { hits: [], dead: 0 };
      this.chunks.push(chunk);
    }
    chunk.hits.push(hit);
    chunk.top = undefined;
    this.chunkOf.set(hit, chunk);
    this.requestSync();
  }

  remove(hit: Hit): void {
    const group = this.longOf.get(hit);
    if (group) {
      this.longOf.delete(hit);
      group.dead++;
      if (this.highlight.has(hit.range)) this.requestSync();
      return;
    }
    const chunk = this.chunkOf.get(hit);
    if (!chunk) return;
    this.chunkOf.delete(hit);
    chunk.dead++;
    chunk.top = undefined;
    if (this.highlight.has(hit.range)) this.requestSync();
  }

  /** The page's layout may have moved: measure every chunk again at the next sync. */
  invalidate(): void {
    for (const chunk of this.chunks) chunk.top = undefined;
    this.requestSync();
  }

  /** A short flash over a range (scroll-to), in its own highlight so it never disturbs the underlines. */
  flash(range: AbstractRange, ms = 1600): void {
    clearTimeout(this.flashTimer);
    CSS.highlights.set(FLASH, new Highlight(range));
    this.flashTimer = setTimeout(
      safe(() => CSS.highlights.delete(FLASH)),
      ms,
    );
  }

  destroy(): void {
    this.abort.abort();
    this.resize?.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.flashTimer);
    clearTimeout(this.syncTimer);
    if (this.name) CSS.highlights.delete(this.name);
    this.highlight.clear();
    CSS.highlights.delete(FLASH);
    this.chunks.length = 0;
    this.long.clear();
  }

  /** Window scrolling keeps document coordinates; a scrolled container moves its hits, so they are measured again. */
  private onScroll(e: Event): void {
    const t = e.target;
    if (t !== this.doc && t !== this.doc.documentElement && t !== this.doc.body) this.invalidate();
    else this.requestSync();
  }

  /** Sync at most every SYNC_MS: at once when the last one is old enough, else when that time has passed. */
  private requestSync(): void {
    if (this.frame !== undefined || this.syncTimer !== undefined) return;
    const wait = SYNC_MS - (performance.now() - this.lastSync);
    if (wait <= 0) this.scheduleSync();
    else
      this.syncTimer = setTimeout(
        safe(() => {
          this.syncTimer = undefined;
          this.scheduleSync();
        }),
        wait,
      );
  }

  private scheduleSync(): void {
    this.frame ??= requestAnimationFrame(() => {
      // A task queued from the frame callback runs after that frame's style, layout and paint.
      this.syncTimer = setTimeout(() => {
        this.syncTimer = undefined;
        this.frame = undefined;
        try {
          this.sync();
        } catch (error) {
          this.onError(error);
        }
      }, 0);
    });
  }

  /** Registers the highlight on first use, under the name that suits the page's size. */
  private register(): void {
    if (this.name) return;
    this.name = hasMoreElements(this.doc, LARGE_PAGE_ELEMENTS) ? TINT : HIGHLIGHT;
    CSS.highlights.set(this.name, this.highlight);
  }

  private sync(): void {
    this.lastSync = performance.now();
    const view = this.doc.defaultView;
    const h = view?.innerHeight ?? 800;
    const y = view?.scrollY ?? 0;
    // The band: one screen above the viewport to one screen below it, in document coordinates.
    const from = y - h;
    const to = y + 2 * h;
    const ranges: AbstractRange[] = [];
    const box = new HitBoxes(this.doc, h);
    let write = 0;
    for (const chunk of this.chunks) {
      if (chunk.dead) compact(chunk, this.chunkOf);
      if (!chunk.hits.length) continue;
      this.chunks[write++] = chunk;
      if (chunk.top === undefined) this.measure(chunk, y, box);
      if (chunk.top === undefined || chunk.bottom! < from || chunk.top > to) continue;
      if (chunk.top >= from && chunk.bottom! <= to) for (const hit of chunk.hits) ranges.push(hit.range);
      else
        for (const hit of chunk.hits) {
          const r = box.rect(hit);
          if (r && (r.width || r.height) && r.bottom + y >= from && r.top + y <= to) ranges.push(hit.range);
        }
    }
    this.chunks.length = write;
    const near: Hit[] = [];
    for (const [node, group] of this.long) {
      group.compact((hit) => this.longOf.get(hit) === group);
      if (!group.hits.length) {
        this.long.delete(node);
        continue;
      }
      group.near(this.doc, { w: view?.innerWidth ?? 1200, h }, near, MAX_RANGES);
    }
    for (const hit of near) ranges.push(hit.range);
    if (ranges.length > MAX_RANGES) ranges.length = MAX_RANGES;
    if (ranges.length) this.register();
    // Unchanged set: leave the highlight alone (any change makes the browser revalidate all of it).
    if (ranges.length === this.highlight.size && ranges.every((r) => this.highlight.has(r))) return;
    this.highlight.clear();
    for (const r of ranges) this.highlight.add(r);
  }

  /** A chunk's extent from its first and last hit (hits in between lie between them in normal flow). */
  private measure(chunk: Chunk, y: number, box: HitBoxes): void {
    const a = box.rect(chunk.hits[0]!);
    const b = chunk.hits.length > 1 ? box.rect(chunk.hits[chunk.hits.length - 1]!) : a;
    const rects = [a, b].filter((r): r is DOMRect => !!r && (r.width > 0 || r.height > 0));
    if (!rects.length) {
      // Nothing rendered (hidden content): never near until the layout changes.
      chunk.top = Infinity;
      chunk.bottom = -Infinity;
      return;
    }
    chunk.top = Math.min(...rects.map((r) => r.top)) + y;
    chunk.bottom = Math.max(...rects.map((r) => r.bottom)) + y;
  }
}

function compact(chunk: Chunk, live: WeakMap<Hit, Chunk>): void {
  chunk.hits = chunk.hits.filter((h) => live.get(h) === chunk);
  chunk.dead = 0;
}

/**
 * Where a hit is, near enough to decide which hits to underline: the box of the block it sits in (an element's box
 * is cheap to read; a range's is not: tens of microseconds on a huge page). In a block taller than the screen (a
 * long <pre> of scanner output) every hit would share that box and all of them would count as near: there the hit's
 * own range is measured, with one Range reused for the whole sync (never kept: a live Range costs the page on every
 * DOM change). Without this, a 1 MB <pre> with 26,000 IDs put all of them in the highlight: 700 ms of pre-paint.
 */
class HitBoxes {
  private range: Range | undefined;

  constructor(
    private readonly doc: Document,
    private readonly screen: number,
  ) {}

  rect(hit: Hit): DOMRect | undefined {
    let el: Element | null = hit.parent;
    while (el && isInline(el)) el = el.parentElement;
    if (!el?.isConnected) return undefined;
    const block = el.getBoundingClientRect();
    // Taller than the screen, or scrolling inside a box that is not (an overflow:auto <pre>).
    if (block.height <= this.screen && el.scrollHeight <= this.screen) return block;
    try {
      this.range ??= this.doc.createRange();
      this.range.setStart(hit.nodes[0]!, hit.startOffset);
      this.range.setEnd(hit.nodes[hit.nodes.length - 1]!, hit.endOffset);
      return this.range.getBoundingClientRect();
    } catch {
      return block;
    }
  }
}
