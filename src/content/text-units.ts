import { isInline } from './dom-walk.ts';

/**
 * Pieces of a page whose text is read in one native call. A content script pays for every DOM node it touches (each
 * gets a wrapper in the extension's world, kept in a hash map: about 2 µs a node), while `textContent` and
 * `Range.toString()` build the text of a whole subtree without touching any node from script. So a scan reads each
 * unit's text at once, looks for candidates in it, and visits the nodes of only those units that have one.
 *
 * A unit is one node, or consecutive text and inline siblings (text in one run can cross inline elements, never a
 * block's edge, so no detection crosses two units). Nodes with many elements are split into their children, so no
 * single call builds the text of a 10 MB page (150 ms in one task).
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
    if (unit.length > 1 || node.nodeType !== 1 || isInline(node) || (node as Element).getElementsByTagName('*').length <= UNIT_ELEMENTS) {
      yield unit;
      continue;
    }
    yield undefined;
    const parts: TextUnit[] = [];
    let group: TextUnit | undefined;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || isInline(c)) {
        if (!group) parts.push((group = []));
        group.push(c);
      } else if (c.nodeType === 1) {
        group = undefined;
        parts.push([c]);
      }
      // Comments and the like stay inside a group: they do not break a run of text either.
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
}

/** The text of a unit, built natively (the same string as concatenating its text nodes' data). */
export function unitText(unit: TextUnit): string {
  const first = unit[0]!;
  if (unit.length === 1) return first.textContent ?? '';
  const range = (first.ownerDocument ?? (first as Document)).createRange();
  range.setStartBefore(first);
  range.setEndAfter(unit[unit.length - 1]!);
  return range.toString();
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
  for (const node of unit) {
    if (++steps % 512 === 0) yield undefined;
    if (node.nodeType === 3) {
      if (!visit(node as Text)) return out;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!visit(t as Text)) return out;
      if (++steps % 512 === 0) yield undefined;
    }
  }
  return out;
}
