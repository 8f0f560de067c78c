import { liveRange, type Hit, type HitIndex } from './hit-index.ts';
import { isLongText } from './long-text.ts';

export interface Caret {
  node: Node;
  offset: number;
}

/** The text position under a point: caretPositionFromPoint (standard, sees into open shadow roots), else caretRangeFromPoint. */
export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[] = []): Caret | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const p = shadowRoots.length ? doc.caretPositionFromPoint(x, y, { shadowRoots }) : doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

export function rectsContain(rects: Iterable<DOMRect>, x: number, y: number, slack = 1): boolean {
  for (const r of rects)
    if (x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack) return true;
  return false;
}

/**
 * The hit under the pointer. `target` is the innermost element there; when it holds no hit text directly, the
 * answer is no without asking the browser for a caret (the common case, so pointer moves cost next to nothing).
 */
export function hitAt(
  doc: Document,
  index: HitIndex,
  x: number,
  y: number,
  target: Element,
  shadowRoots: ShadowRoot[],
): Hit | undefined {
  if (!index.hasHitsIn(target)) return undefined;
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret) return undefined;
  const entries = index.entries(caret.node);
  if (!entries) return undefined;
  const long = caret.node.nodeType === 3 && isLongText(caret.node as Text);
  for (const e of entries) {
    // The caret lands before or after the character under the pointer: the rectangles decide. In a long text node
    // a range's rectangles cost time in proportion to the node (50 ms on 10 MB), so there the caret alone decides.
    if (caret.offset < e.from || caret.offset > e.to) continue;
    if (long) {
      if (caret.offset < e.to) return e.hit;
      continue;
    }
    const range = liveRange(doc, e.hit.range);
    if (range && rectsContain(range.getClientRects(), x, y)) return e.hit;
  }
  return undefined;
}
