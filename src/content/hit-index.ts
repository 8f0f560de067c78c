import type { Detection } from '../core/detect.ts';
import { locate, type Run } from './text-runs.ts';

/** One detected ID on the page: where it is (a StaticRange: never updated by the browser, so free for page DOM work). */
export interface Hit {
  text: string;
  detection: Detection;
  range: StaticRange;
  nodes: Text[];
  /** Parent element of each node when registered (the hover fast path and the highlighter key on them). */
  parents: Element[];
}

/** The part of a hit inside one text node. */
export interface NodeEntry {
  hit: Hit;
  from: number;
  to: number;
}

/**
 * Every registered hit, findable from a text node and an offset (hover), from an element (is there anything under
 * the pointer at all?) and in bulk (page-ids, scroll-to). Listeners hear about each add and remove.
 */
export class HitIndex {
  private hits = new Set<Hit>();
  private byNode = new WeakMap<Text, NodeEntry[]>();
  private byParent = new WeakMap<Element, number>();
  onAdd: (hit: Hit) => void = () => {};
  onRemove: (hit: Hit) => void = () => {};

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
    const nodes = run.nodes.slice(a.index, b.index + 1);
    const range = new StaticRange({ startContainer: run.nodes[a.index]!, startOffset: a.offset, endContainer: run.nodes[b.index]!, endOffset: b.offset });
    const parents: Element[] = [];
    for (const n of nodes) {
      const p = n.parentElement;
      if (p && !parents.includes(p)) parents.push(p);
    }
    const hit: Hit = { text: detection.text, detection, range, nodes, parents };
    nodes.forEach((node, i) => {
      const entry = { hit, from: i === 0 ? a.offset : 0, to: i === nodes.length - 1 ? b.offset : node.length };
      const list = this.byNode.get(node);
      if (list) list.push(entry);
      else this.byNode.set(node, [entry]);
    });
    for (const p of parents) this.byParent.set(p, (this.byParent.get(p) ?? 0) + 1);
    this.hits.add(hit);
    this.onAdd(hit);
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
    for (const p of hit.parents) {
      const n = (this.byParent.get(p) ?? 1) - 1;
      if (n > 0) this.byParent.set(p, n);
      else this.byParent.delete(p);
    }
    this.onRemove(hit);
  }

  /** Forget every hit that touches `node` (before it is scanned again). */
  removeNode(node: Text): void {
    const list = this.byNode.get(node);
    if (list) for (const e of [...list]) this.remove(e.hit);
  }

  entries(node: Node): NodeEntry[] | undefined {
    return node.nodeType === 3 ? this.byNode.get(node as Text) : undefined;
  }

  /** Cheap test for the hover path: does this element directly hold text with a hit? */
  hasHitsIn(el: Element): boolean {
    return this.byParent.has(el);
  }

  clear(): void {
    for (const hit of [...this.hits]) this.remove(hit);
    this.byNode = new WeakMap();
    this.byParent = new WeakMap();
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

/** Still in the document, and the text it covers still reads the same. */
export function isValid(hit: Hit): boolean {
  const r = hit.range;
  for (const n of hit.nodes) if (!n.isConnected) return false;
  if (r.endOffset > (r.endContainer as Text).length) return false;
  if (hit.nodes.length === 1) return (r.startContainer as Text).data.slice(r.startOffset, r.endOffset) === hit.text;
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
    const x = a.range.startContainer;
    const y = b.range.startContainer;
    if (x === y) return a.range.startOffset - b.range.startOffset;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}
