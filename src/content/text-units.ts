import { isInline } from './dom-walk.ts';
import { hasMoreElements } from './element-count.ts';

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
  if (root.nodeType === 1 && !hasMoreElements(root as Element, WHOLE_PAGE_ELEMENTS)) {
    yield [root];
    return;
  }
  const stack: TextUnit[] = [[root]];
  while (stack.length) {
    const unit = stack.pop()!;
    const node = unit[0]!;
    if (unit.length > 1 || node.nodeType !== 1 || isInline(node)) {
      yield unit;
      continue;
    }
    const all = (node as Element).getElementsByTagName('*');
    if (all.length <= UNIT_ELEMENTS) {
      yield unit;
      continue;
    }
    yield undefined;
    const parts: TextUnit[] = [];
    /** The part each element child is in. */
    const partOf = new Map<Node, number>();
    let group: TextUnit | undefined;
    const children = yield* childrenOf(node);
    for (let i = 0; i < children.length; i++) {
      if (i % 512 === 511) yield undefined;
      const c = children[i]!;
      const type = c.nodeType;
      if (type === 3 || (type === 1 && isInline(c))) {
        if (!group) parts.push((group = []));
        group.push(c);
      } else if (type === 1) {
        group = undefined;
        parts.push([c]);
      }
      // Comments and the like stay inside a group: they do not break a run of text either.
      if (type === 1) partOf.set(c, parts.length - 1);
    }
    const merged = joinParts(node, all, parts, partOf);
    for (let i = merged.length - 1; i >= 0; i--) stack.push(merged[i]!);
  }
}

/**
 * The children of `node`, read 512 at a time with pause points between: each node read gets a wrapper in the
 * content script's world, and reading the 100,000 children of a big table at once took 80 ms. A child the page
 * removes meanwhile stays in the list (it reads as empty); if the children before the place reached have changed,
 * the rest are taken from a snapshot, skipping those already read (what the page added is rescanned anyway).
 */
function* childrenOf(node: Node): Generator<undefined, Node[]> {
  const list = node.childNodes;
  const out: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i % 512 === 511) {
      yield undefined;
      if (list[i - 1] !== out[i - 1]) {
        const seen = new Set(out);
        for (const c of Array.from(list)) if (!seen.has(c)) out.push(c);
        return out;
      }
    }
    out.push(list[i]!);
  }
  return out;
}

/**
 * Consecutive parts joined into units of about UNIT_ELEMENTS elements: a table of 50,000 rows split into 50,000
 * units paid a native text read, a regex call and a tree walker per row. Joining blocks is safe: a unit's text only
 * says where candidates may be (text of neighbouring blocks running together can only add candidates), and each
 * block holding one is then scanned on its own. Parts are only ever cut where the page has a block edge.
 *
 * Where to cut is read from the parent's own element list (`all`, in document order) rather than by counting each
 * child's elements (a native call and a collection per row: a quarter of that table's scan): the element
 * UNIT_ELEMENTS past a unit's start names, through its ancestor among the children, the first part of the next unit,
 * and a binary search finds where that part's elements begin in the list. A part bigger than that alone stays
 * alone, to be split in turn. If the page changed the children meanwhile, the rest are counted one by one.
 */
function joinParts(
  node: Node,
  all: HTMLCollectionOf<Element>,
  parts: TextUnit[],
  partOf: Map<Node, number>,
): TextUnit[] {
  const out: TextUnit[] = [];
  /** Index in `all` of the first element of parts[i] or after it. */
  let start = 0;
  let i = 0;
  while (i < parts.length) {
    const target = start + UNIT_ELEMENTS;
    if (target >= all.length) {
      out.push(parts.slice(i).flat());
      break;
    }
    const top = childOf(node, all[target]);
    const j = top ? partOf.get(top) : undefined;
    if (j === undefined || j < i) {
      // Changed under us: the slow way for the rest.
      for (const unit of mergeSmall(parts.slice(i), parts.slice(i).map(countElements))) out.push(unit);
      break;
    }
    const next = j === i ? i + 1 : j;
    out.push(j === i ? parts[i]! : parts.slice(i, j).flat());
    // Past a part that is too big alone, the next one starts after `target`; otherwise at or before it.
    start = firstIndexFrom(
      node,
      all,
      partOf,
      next,
      j === i ? { lo: target, hi: all.length } : { lo: start, hi: target },
    );
    i = next;
  }
  return out;
}

/** The ancestor-or-self of `el` that is a child of `parent`. */
function childOf(parent: Node, el: Element | undefined): Node | undefined {
  let n: Node | null = el ?? null;
  while (n && n.parentNode !== parent) n = n.parentNode;
  return n ?? undefined;
}

/**
 * The index in `all` (document order) of the first element in parts[next] or after, searched in [lo, hi]: a few
 * native calls, not one per element. Each probe is placed by its ancestor among the children (compareDocumentPosition
 * walks the siblings, 50,000 of them under a big table).
 */
function firstIndexFrom(
  node: Node,
  all: HTMLCollectionOf<Element>,
  partOf: Map<Node, number>,
  next: number,
  range: { lo: number; hi: number },
): number {
  let { lo, hi } = range;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const top = childOf(node, all[mid]);
    const part = top ? partOf.get(top) : undefined;
    if (part !== undefined && part < next) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Elements in a part, counted natively per element (each block child, and roughly for inline groups). */
function countElements(part: TextUnit): number {
  let n = 0;
  for (const c of part)
    if (c.nodeType === 1) n += 1 + (isInline(c) ? 0 : (c as Element).getElementsByTagName('*').length);
  return n;
}

/** Consecutive parts joined up to UNIT_ELEMENTS elements by their counts (see joinParts); a bigger part stays alone. */
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

/** A unit's text and where each of its nodes' text starts in it (one more entry: the text's length). */
export interface UnitText {
  text: string;
  starts: number[];
}

/** Elements and text nodes up to which an element's text is read node by node (see fewTexts). */
const FEW_ELEMENTS = 64;
const FEW_TEXTS = 256;

/**
 * The text nodes of an element made of few nodes (a text file, a log or JSON shown as one <pre>), in document order;
 * undefined for any other. `textContent` copies the text into a new string (25 ms for 10 MB here) while a text node's
 * `data` is handed over as it is (about 1 ms), so the first stage tests a long node without copying it. Joining the
 * pieces in script is no way round the copy: the first regex over the joined string flattens it into V8's heap, and
 * on a 10 MB page the lens's longest task grew from 41 to 62 ms of CPU with the collection that followed.
 */
export function fewTexts(el: Element): Text[] | undefined {
  if (hasMoreElements(el, FEW_ELEMENTS)) return undefined;
  const walker = (el.ownerDocument ?? document).createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (out.length >= FEW_TEXTS) return undefined;
    out.push(n as Text);
  }
  return out;
}

/** The text of a unit, built natively (the same string as concatenating its text nodes' data). */
export function unitText(unit: TextUnit): UnitText {
  const first = unit[0]!;
  if (unit.length === 1) {
    const text = first.textContent ?? '';
    return { text, starts: [0, text.length] };
  }
  // Node by node: Range.toString() over 500 sibling rows took about 6 ms a call in Chrome. Comments and the like
  // hold no page text (textContent would give a comment's own data).
  let text = '';
  const starts: number[] = [];
  for (const node of unit) {
    starts.push(text.length);
    const type = node.nodeType;
    if (type === 3 || type === 1) text += node.textContent ?? '';
  }
  starts.push(text.length);
  return { text, starts };
}

/**
 * The text nodes of a unit that overlap any span ([start, end) pairs into the unit's text, sorted), in document
 * order. Only the unit's nodes whose text overlaps a span are walked (by their `starts`: an article's unit of sections
 * with one ID every 2 KB has most of its paragraphs without one), reading each text node's length, and it yields
 * every 512 nodes (a unit of inline siblings can hold 200,000 of them) as pause points.
 */
export function* textsAt(
  unit: TextUnit,
  starts: readonly number[],
  spans: readonly number[],
): Generator<undefined, Text[]> {
  const out: Text[] = [];
  let s = 0;
  let steps = 0;
  // One walker for the whole unit (its nodes are consecutive siblings), moved to each node that holds a span. A
  // walker per node cost a native call per row of a 50,000-row table.
  const first = unit[0]!;
  const root = unit.length > 1 ? (first.parentNode ?? first) : first;
  const walker = (first.ownerDocument ?? (first as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let i = 0; i < unit.length; i++) {
    const from = starts[i]!;
    const to = starts[i + 1]!;
    while (s < spans.length && spans[s + 1]! <= from) s += 2;
    if (s >= spans.length) break;
    if (spans[s]! >= to) continue;
    const node = unit[i]!;
    if (node.nodeType === 3) {
      out.push(node as Text);
      continue;
    }
    // The text nodes under this one, until its text is used up.
    let offset = from;
    walker.currentNode = node;
    for (let t = walker.nextNode() as Text | null; t && offset < to; t = walker.nextNode() as Text | null) {
      const end = offset + t.length;
      while (s < spans.length && spans[s + 1]! <= offset) s += 2;
      if (s >= spans.length) return out;
      if (spans[s]! < end && end > offset) out.push(t);
      offset = end;
      if (++steps % 512 === 0) yield undefined;
    }
  }
  return out;
}
