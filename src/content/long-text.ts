import { caretAt } from './hit-test.ts';
import type { Hit } from './hit-index.ts';
import { isInline } from './dom-walk.ts';

/**
 * Text nodes longer than this are "long": a scanner report or a raw log pasted into one <pre>. In Chrome, measuring
 * any position inside such a node (a range's box, a caret lookup) costs time proportional to the whole node (0.4 ms
 * per range on 1 MB of short lines, 18 ms on 1 MB in one line), so the highlighter cannot measure its hits one by
 * one, and every hit shares the block's box.
 */
export const LONG_TEXT = 20_000;
/** A long node's block wider than this many screens is a line too long to underline (see `near`). */
const WIDE_SCREENS = 4;
/** Longest node whose visible offset is looked up with a caret (longer ones are estimated from the box alone). */
const CARET_TEXT = 512 * 1024;

export function isLongText(node: Text): boolean {
  return node.length > LONG_TEXT;
}

/** True when a child text node of `el` is long (looks at its first 256 children). */
export function holdsLongText(el: Element): boolean {
  let n = 0;
  for (let c = el.firstChild; c && ++n <= 256; c = c.nextSibling)
    if (c.nodeType === 3 && isLongText(c as Text)) return true;
  return false;
}

/** The hits in one long text node, in offset order (the order a scan registers them in). */
export class LongTextGroup {
  hits: Hit[] = [];
  dead = 0;
  /** The last caret lookup: where the view was, and the offset it found (undefined: not this node). */
  private caretKey = '';
  private caretAnchor: number | undefined;

  constructor(readonly node: Text) {}

  add(hit: Hit): void {
    const last = this.hits[this.hits.length - 1];
    this.hits.push(hit);
    // Out of order only if two scans raced over the node: restore the order the window search relies on.
    if (last && last.startOffset > hit.startOffset) this.hits.sort((a, b) => a.startOffset - b.startOffset);
  }

  compact(alive: (hit: Hit) => boolean): void {
    if (!this.dead) return;
    this.hits = this.hits.filter(alive);
    this.dead = 0;
  }

  /**
   * The hits of this node near the viewport (about one screen either side), found with at most one caret lookup:
   * the character under the middle of the node's visible part anchors a window of offsets as wide as about three
   * screens' worth of the node's characters, estimated from its box. Approximate at the window's edges (lines of
   * very different lengths); the caller caps how many ranges it takes. Hover cards do not depend on this.
   */
  near(doc: Document, view: { w: number; h: number }, out: Hit[], limit: number): void {
    if (!this.hits.length || !this.node.isConnected) return;
    let el: Element | null = this.node.parentElement;
    while (el && isInline(el)) el = el.parentElement;
    if (!el) return;
    const box = el.getBoundingClientRect();
    if (!box.width && !box.height) return;
    // Not within one screen of the viewport: nothing of it is near.
    if (box.bottom < -view.h || box.top > 2 * view.h || box.right < -view.w || box.left > 2 * view.w) return;
    // A line wider than a few screens (a one-line 1 MB <pre>): Chrome repaints the whole line for any highlight in
    // it, at a cost that grows with the line (about 1 s per change for 50 ranges near the end of a 1 MB line, 4-5 s
    // a frame while a scan went on). Such a node gets no underline; its hits still get hover cards.
    // The content's extent, not the box's: a <pre> overflows its box (or scrolls inside it) rather than growing.
    const width = Math.max(box.width, el.scrollWidth);
    const height = Math.max(box.height, el.scrollHeight);
    if (width > WIDE_SCREENS * view.w) return;
    const length = this.node.length;
    const top = Math.max(0, box.top);
    const bottom = Math.min(view.h, box.bottom);
    const left = Math.max(0, box.left);
    const right = Math.min(view.w, box.right);
    // Share of the node's characters one screen shows, vertically and horizontally (a one-line <pre> scrolls sideways).
    const share = Math.min(1, view.h / Math.max(1, height)) * Math.min(1, view.w / Math.max(1, width));
    const half = Math.max(2000, Math.ceil(length * share * 1.5));
    let anchor: number | undefined;
    // The caret lookup costs time in proportion to the node (about 1 ms per 100 KB; 40-100 ms on 10 MB), so only
    // modest nodes get one, and only when the view moved since the last (a scan asks for a sync per batch of hits).
    const view2 = doc.defaultView;
    const at = `${view2?.scrollX ?? 0},${view2?.scrollY ?? 0},${box.top},${box.left},${length}`;
    if (this.caretKey === at) anchor = this.caretAnchor;
    else if (length <= CARET_TEXT && bottom > top && right > left) {
      const caret = caretAt(doc, (left + right) / 2, (top + bottom) / 2);
      if (caret?.node === this.node) anchor = caret.offset;
      this.caretKey = at;
      this.caretAnchor = anchor;
    }
    // The middle of the box, proportionally, when the caret landed elsewhere (or the node is off screen).
    const across =
      height > view.h
        ? (view.h / 2 - box.top + el.scrollTop) / height
        : (view.w / 2 - box.left + el.scrollLeft) / Math.max(1, width);
    anchor ??= Math.round(length * Math.min(1, Math.max(0, across)));
    let i = firstAtOrAfter(this.hits, anchor - half);
    for (; i < this.hits.length && out.length < limit; i++) {
      const hit = this.hits[i]!;
      if (hit.startOffset > anchor + half) break;
      out.push(hit);
    }
  }
}

/** Index of the first hit whose start offset is at least `offset` (hits sorted by start offset). */
function firstAtOrAfter(hits: readonly Hit[], offset: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
