import type { Detection } from '../core/detect.ts';
import { locate, type Run } from './text-runs.ts';

/**
 * One detected ID on the page: its text nodes and offsets. The StaticRange (never updated by the browser, so free
 * for the page's DOM work) is made on first use: most hits of a huge page are never underlined nor hovered, and
 * building one costs more than the rest of a hit.
 */
export class Hit {
  private staticRange: StaticRange | undefined;

  constructor(
    readonly text: string,
    readonly detection: Detection,
    readonly nodes: Text[],
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  /** The element holding the hit's first text node (looked up, not kept: see HitIndex on wrappers). */
  get parent(): Element | null {
    return this.nodes[0]!.parentElement;
  }

  get range(): StaticRange {
    this.staticRange ??= new StaticRange({
      startContainer: this.nodes[0]!,
      startOffset: this.startOffset,
      endContainer: this.nodes[this.nodes.length - 1]!,
      endOffset: this.endOffset,
    });
    return this.staticRange;
  }
}

/** The part of a hit inside one text node. */
export interface NodeEntry {
  hit: Hit;
  from: number;
  to: number;
}

/** Told of every hit added to and removed from the index (the highlighter). */
export interface HitListener {
  add(hit: Hit): void;
  remove(hit: Hit): void;
}

/**
 * Every registered hit, findable from a text node and an offset (hover), from an element (is there anything under
 * the pointer at all?) and in bulk (page-ids, scroll-to). The listener given at construction hears about each add
 * and remove.
 */
export class HitIndex {
  private hits = new Set<Hit>();
  private byNode = new WeakMap<Text, NodeEntry[]>();

  /**
   * Text nodes whose hits were registered ahead of the scan in progress (the block under the pointer, see
   * Scanner.scanNow): when the scan reaches them, the hits it finds there are known already. Only these are compared
   * on add: a long text node holds thousands of hits, and comparing each new one with them all would be quadratic.
   */
  private ahead = new WeakSet<Text>();
  private addingAhead = false;

  constructor(private readonly listener?: HitListener) {}

  /** Runs `scan`, whose hits are registered ahead of the scan in progress (see `ahead`). */
  addAhead(scan: () => void): void {
    this.addingAhead = true;
    try {
      scan();
    } finally {
      this.addingAhead = false;
    }
  }

  get size(): number {
    return this.hits.size;
  }

  has(hit: Hit): boolean {
    return this.hits.has(hit);
  }

  all(): IterableIterator<Hit> {
    return this.hits.values();
  }

  add(run: Run<Text>, detection: Detection): Hit {
    const a = locate(run, detection.start);
    const b = locate(run, detection.end, true);
    const first = run.nodes[a.index]!;
    if (this.addingAhead) this.ahead.add(first);
    else if (this.ahead.has(first)) {
      // Registered ahead (see addAhead): the same text at the same place is the same hit, counted once.
      const known = this.byNode
        .get(first)
        ?.find(({ hit }) => hit.nodes[0] === first && same(hit, a.offset, b.offset, detection));
      if (known) return known.hit;
    }
    const nodes = a.index === b.index ? [run.nodes[a.index]!] : run.nodes.slice(a.index, b.index + 1);
    const hit = new Hit(detection.text, detection, nodes, a.offset, b.offset);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const entry = { hit, from: i === 0 ? a.offset : 0, to: i === nodes.length - 1 ? b.offset : node.length };
      const list = this.byNode.get(node);
      if (list) list.push(entry);
      else this.byNode.set(node, [entry]);
    }
    this.hits.add(hit);
    this.listener?.add(hit);
    return hit;
  }

  remove(hit: Hit): void {
    if (!this.hits.delete(hit)) return;
    for (const node of hit.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((e) => e.hit !== hit);
      if (rest.length) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
    this.listener?.remove(hit);
  }

  /** Forget every hit that touches `node` (before it is scanned again). */
  removeNode(node: Text): void {
    const list = this.byNode.get(node);
    if (list) for (const e of [...list]) this.remove(e.hit);
  }

  entries(node: Node): NodeEntry[] | undefined {
    return node.nodeType === 3 ? this.byNode.get(node as Text) : undefined;
  }

  /**
   * Cheap test for the hover path: does this element directly hold text with a hit? Looks at its child text nodes
   * rather than keeping a map of elements: every DOM object a content script keeps costs a wrapper that lives in a
   * per-world hash map, and on huge pages that map's growth and the garbage collector's work over it show up as
   * pauses.
   */
  hasHitsIn(el: Element): boolean {
    let n = 0;
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (++n > 256) return true; // a very wide element: let the caret lookup decide
      if (c.nodeType === 3 && this.byNode.has(c as Text)) return true;
    }
    return false;
  }

  clear(): void {
    for (const hit of [...this.hits]) this.remove(hit);
    this.byNode = new WeakMap();
    this.ahead = new WeakSet();
  }

  /** Drops hits whose text left the document or changed under them; yields between slices of work. */
  *purge(): Generator<undefined> {
    let n = 0;
    for (const hit of [...this.hits]) {
      if (++n % 256 === 0) yield undefined;
      if (!isValid(hit)) this.remove(hit);
    }
  }
}

function same(hit: Hit, start: number, end: number, detection: Detection): boolean {
  return hit.startOffset === start && hit.endOffset === end && hit.text === detection.text;
}

/** Still in the document, and the text it covers still reads the same. */
export function isValid(hit: Hit): boolean {
  for (const n of hit.nodes) if (!n.isConnected) return false;
  const last = hit.nodes[hit.nodes.length - 1]!;
  if (hit.endOffset > last.length) return false;
  if (hit.nodes.length === 1) return last.data.slice(hit.startOffset, hit.endOffset) === hit.text;
  return true;
}

/** A live Range for a hit, for measuring (never kept: live ranges cost the page on every DOM change). */
export function liveRange(doc: Document, r: AbstractRange): Range | undefined {
  try {
    const range = doc.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range;
  } catch {
    return undefined;
  }
}

/** Hits in document order. */
export function inDocumentOrder(hits: Iterable<Hit>): Hit[] {
  return [...hits].sort((a, b) => {
    const x = a.nodes[0]!;
    const y = b.nodes[0]!;
    if (x === y) return a.startOffset - b.startOffset;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}
