import { isInline } from './dom-walk.ts';

/**
 * Pieces of a page whose text is read in few native calls. A content script pays for every DOM node it touches (each
 * gets a wrapper in the extension's world, kept in a hash map: about 2 µs a node), while `textContent` builds the
 * text of a whole subtree without touching any node from script. So a scan reads each unit's text at once, looks for
 * candidates in it, and visits the nodes of only those units that have one.
 *
 * A unit is one node, or consecutive siblings: text and inline siblings are never parted (text in one run can cross
 * inline elements, never a block's edge, so no detection crosses two units), and small blocks are joined up to
 * UNIT_ELEMENTS. Nodes with many elements are split into their children, so no single call builds the text of a
 * 10 MB page (150 ms in one task).
 */
export type TextUnit = Node[];

/** Elements under a node above which it is split into its children. */
const UNIT_ELEMENTS = 1500;
/** A page with fewer elements is one unit (its text takes a few milliseconds to build; no child is counted). */
const WHOLE_PAGE_ELEMENTS = 4000;

/** The units of `root` in document order; `undefined` between splits, as pause points for a scheduler. */
export function* textUnits(root: Node): Generator<TextUnit | undefined> {
  if (root.nodeType === 1 && (root as Element).getElementsByTagName('*').length <= WHOLE_PAGE_ELEMENTS) {
    yield [root];
    return;
  }
  const stack: TextUnit[] = [[root]];
  while (stack.length) {
    const unit = stack.pop()!;
    const node = unit[0]!;
    if (
      unit.length > 1 ||
      node.nodeType !== 1 ||
      isInline(node) ||
      (node as Element).getElementsByTagName('*').length <= UNIT_ELEMENTS
    ) {
      yield unit;
      continue;
    }
    yield undefined;
    const parts: TextUnit[] = [];
    const sizes: number[] = [];
    let group: TextUnit | undefined;
    // A snapshot, with a pause point every 512 children (sizing the 50,000 rows of a table is 100 ms and more of
    // native calls): a child the page removes meanwhile reads as empty, and the rest are still visited.
    const children = Array.from(node.childNodes);
    for (let i = 0; i < children.length; i++) {
      if (i % 512 === 511) yield undefined;
      const c = children[i]!;
      if (c.nodeType === 3 || isInline(c)) {
        if (!group) {
          parts.push((group = []));
          sizes.push(0);
        }
        group.push(c);
        // Roughly: an inline child is a few elements (counting each one's descendants would touch every node).
        sizes[sizes.length - 1]! += c.nodeType === 1 ? 1 : 0;
      } else if (c.nodeType === 1) {
        group = undefined;
        parts.push([c]);
        sizes.push(1 + (c as Element).getElementsByTagName('*').length);
      }
      // Comments and the like stay inside a group: they do not break a run of text either.
    }
    const merged = mergeSmall(parts, sizes);
    for (let i = merged.length - 1; i >= 0; i--) stack.push(merged[i]!);
  }
}

/**
 * Consecutive parts joined into units of up to UNIT_ELEMENTS elements: a table of 50,000 rows split into 50,000
 * units paid a native text read, a regex call and a tree walker per row (most of that page's cost). Joining blocks is
 * safe: a unit's text only says where candidates may be (text of neighbouring blocks running together can only add
 * candidates), and each block holding one is then scanned on its own. A part too big to join stays alone, to be
 * split in turn; parts are only ever cut where the page has a block edge.
 */
function mergeSmall(parts: TextUnit[], sizes: number[]): TextUnit[] {
  const out: TextUnit[] = [];
  let current: TextUnit | undefined;
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const n = sizes[i]!;
    if (n > UNIT_ELEMENTS) {
      out.push(part);
      current = undefined;
      continue;
    }
    if (!current || size + n > UNIT_ELEMENTS) {
      out.push((current = [...part]));
      size = n;
    } else {
      for (const node of part) current.push(node);
      size += n;
    }
  }
  return out;
}

/** The text of a unit, built natively (the same string as concatenating its text nodes' data). */
export function unitText(unit: TextUnit): string {
  const first = unit[0]!;
  if (unit.length === 1) return first.textContent ?? '';
  // Node by node: Range.toString() over 500 sibling rows took about 6 ms a call in Chrome. Comments and the like
  // hold no page text (textContent would give a comment's own data).
  let text = '';
  for (const node of unit) if (node.nodeType === 3 || node.nodeType === 1) text += node.textContent ?? '';
  return text;
}

/**
 * The text nodes of a unit that overlap any span ([start, end) pairs into unitText, sorted), in document order.
 * Reads only each node's length, stops after the last span, and yields every 512 nodes (a unit of inline siblings
 * can hold 200,000 of them) as pause points.
 */
export function* textsAt(unit: TextUnit, spans: readonly number[]): Generator<undefined, Text[]> {
  const out: Text[] = [];
  let offset = 0;
  let s = 0;
  let steps = 0;
  /** False once every span is behind: the rest of the unit need not be read. */
  const visit = (t: Text): boolean => {
    const end = offset + t.length;
    while (s < spans.length && spans[s + 1]! <= offset) s += 2;
    if (s >= spans.length) return false;
    if (spans[s]! < end && end > offset) out.push(t);
    offset = end;
    return true;
  };
  // One walker for the whole unit (its nodes are consecutive siblings): from the first node to the first text
  // after the last one. A walker per node cost a native call per row of a 50,000-row table.
  const first = unit[0]!;
  const last = unit[unit.length - 1]!;
  const parent = unit.length > 1 ? first.parentNode : null;
  const doc = first.ownerDocument ?? (first as Document);
  const walker = doc.createTreeWalker(parent ?? first, NodeFilter.SHOW_TEXT);
  let stop: Node | null = null;
  if (parent) {
    const after = last.nextSibling;
    if (after?.nodeType === 3) stop = after;
    else if (after) {
      walker.currentNode = after;
      stop = walker.nextNode();
    }
  }
  walker.currentNode = first;
  let t: Node | null = first.nodeType === 3 ? first : walker.nextNode();
  for (; t && t !== stop; t = walker.nextNode()) {
    if (!visit(t as Text)) return out;
    if (++steps % 512 === 0) yield undefined;
  }
  return out;
}
