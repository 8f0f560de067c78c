import { liveRange, type Hit } from './hit-index.ts';

/** Names used in src/content/highlight.css (a manifest stylesheet, so adding it never restyles a loaded page). */
export const HIGHLIGHT = 'secid-lens';
export const FLASH = 'secid-lens-flash';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Underlines hits with the CSS Custom Highlight API, without touching the page's nodes. Only hits near the
 * viewport are in the highlight (the browser's cost grows with every range in it); an IntersectionObserver on the
 * hits' parent elements tells which are near, so scrolling costs us nothing until something comes into view.
 */
export class Highlighter {
  private readonly highlight = new Highlight();
  private readonly byElement = new Map<Element, Set<Hit>>();
  /** Near-viewport elements, with their height when they came near (tall ones get a per-hit check). */
  private readonly near = new Map<Element, number>();
  private readonly observer: IntersectionObserver;
  private frame: number | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private tall = false;
  private scrollTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly doc: Document,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    CSS.highlights.set(HIGHLIGHT, this.highlight);
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: '100% 0px' });
    // Scrolling inside a tall element changes which of its hits are near without any intersection change.
    doc.addEventListener('scroll', () => this.onScroll(), { capture: true, passive: true, signal: this.abort.signal });
  }

  add(hit: Hit): void {
    const el = hit.parents[0];
    if (!el) return;
    let set = this.byElement.get(el);
    if (!set) {
      set = new Set();
      this.byElement.set(el, set);
      this.observer.observe(el);
    }
    set.add(hit);
    if (this.near.has(el)) this.scheduleSync();
  }

  remove(hit: Hit): void {
    const el = hit.parents[0];
    const set = el && this.byElement.get(el);
    if (!set || !set.delete(hit)) return;
    if (set.size === 0) {
      this.byElement.delete(el);
      this.observer.unobserve(el);
      this.near.delete(el);
    }
    if (this.highlight.has(hit.range)) this.scheduleSync();
  }

  /** A short flash over a range (scroll-to), in its own highlight so it never disturbs the underlines. */
  flash(range: AbstractRange, ms = 1600): void {
    clearTimeout(this.flashTimer);
    CSS.highlights.set(FLASH, new Highlight(range));
    this.flashTimer = setTimeout(() => CSS.highlights.delete(FLASH), ms);
  }

  destroy(): void {
    this.abort.abort();
    this.observer.disconnect();
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.flashTimer);
    clearTimeout(this.scrollTimer);
    CSS.highlights.delete(HIGHLIGHT);
    CSS.highlights.delete(FLASH);
    this.byElement.clear();
    this.near.clear();
  }

  private onScroll(): void {
    if (!this.tall || this.scrollTimer !== undefined) return;
    this.scrollTimer = setTimeout(() => {
      this.scrollTimer = undefined;
      this.scheduleSync();
    }, 100);
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (e.isIntersecting) this.near.set(e.target, e.boundingClientRect.height);
      else this.near.delete(e.target);
    }
    this.scheduleSync();
  }

  private scheduleSync(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      try {
        this.sync();
      } catch (error) {
        this.onError(error);
      }
    });
  }

  /** Rebuild the highlight from the near elements (the browser revalidates the whole highlight on any change anyway). */
  private sync(): void {
    const view = this.doc.defaultView;
    const h = view?.innerHeight ?? 800;
    const ranges: AbstractRange[] = [];
    this.tall = false;
    for (const [el, height] of this.near) {
      const hits = this.byElement.get(el);
      if (!hits) continue;
      // An element taller than a few screens (a long <pre>) holds hits far from view: check each one.
      const tall = height > h * 3 && hits.size > 20;
      if (tall) this.tall = true;
      for (const hit of hits) {
        if (tall) {
          const rect = liveRange(this.doc, hit.range)?.getBoundingClientRect();
          if (!rect || rect.bottom < -h || rect.top > 2 * h) continue;
        }
        ranges.push(hit.range);
      }
    }
    this.highlight.clear();
    for (const r of ranges) this.highlight.add(r);
  }
}
