import type { Detection } from '../core/detect.ts';
import { lastStartAt } from '../core/sorted.ts';

/**
 * A run is the text of consecutive text nodes that read as one piece of text (inline siblings inside one block),
 * joined without separators, so `secid:weakness/owasp/<wbr>ml-top10#ML01` or `<strong>LLM01</strong>:2025` is one
 * string for the detector. Generic over the node type so the logic is testable in Node without a DOM.
 */
export interface Run<N> {
  nodes: N[];
  /** Offset of each node's text in `text`. */
  starts: number[];
  text: string;
}

/** Collects text nodes into runs; `push` and `flush` hand back a run when one is complete. */
export class RunBuilder<N> {
  private nodes: N[] = [];
  private starts: number[] = [];
  private text = '';

  /** Past `softLimit` characters a run is cut at the next whitespace boundary, so memory and slices stay bounded. */
  constructor(private readonly softLimit = 65536) {}

  get length(): number {
    return this.text.length;
  }

  push(node: N, value: string): Run<N> | undefined {
    if (value === '') return undefined;
    let done: Run<N> | undefined;
    if (
      this.text.length >= this.softLimit &&
      (isSpace(this.text.charCodeAt(this.text.length - 1)) || isSpace(value.charCodeAt(0)))
    )
      done = this.flush();
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += value;
    return done;
  }

  flush(): Run<N> | undefined {
    if (this.nodes.length === 0) return undefined;
    const run = { nodes: this.nodes, starts: this.starts, text: this.text };
    this.nodes = [];
    this.starts = [];
    this.text = '';
    return run;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** The node and the offset inside it of a run offset. `end` offsets (exclusive) stay in the node they close. */
export function locate<N>(run: Run<N>, offset: number, end = false): { index: number; offset: number } {
  const index = lastStartAt(run.starts, offset, end);
  return { index, offset: offset - run.starts[index]! };
}

/** A piece of a long text for the detector: detections starting in [from, to) are kept; the slice adds context. */
export interface Chunk {
  from: number;
  to: number;
  sliceFrom: number;
  sliceTo: number;
}

/**
 * Cuts a long text into chunks of about `size` characters at whitespace (IDs never contain whitespace, so no ID is
 * cut), each with up to `context` characters either side for the detector's context and edition hints.
 */
export function chunks(text: string, size = 8192, context = 320): Chunk[] {
  if (text.length <= size) return [{ from: 0, to: text.length, sliceFrom: 0, sliceTo: text.length }];
  const cuts = [0];
  for (let at = size; at < text.length;) {
    const cut = nextSpace(text, at, Math.min(text.length, at + size));
    cuts.push(cut);
    at = cut + size;
  }
  cuts.push(text.length);
  const out: Chunk[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    if (from === to) continue;
    out.push({
      from,
      to,
      sliceFrom: from === 0 ? 0 : prevSpace(text, from - context, from),
      sliceTo: to === text.length ? to : nextSpace(text, to + context, text.length),
    });
  }
  return out;
}

/** First whitespace at or after `at` (before `limit`), else `limit`. */
function nextSpace(text: string, at: number, limit: number): number {
  for (let i = at; i < limit; i++) if (isSpace(text.charCodeAt(i))) return i;
  return limit;
}

/** Last whitespace at or after `at` and before `limit` (so a slice starts at a token boundary), else `limit`. */
function prevSpace(text: string, at: number, limit: number): number {
  const start = Math.max(0, at);
  if (start === 0) return 0;
  for (let i = start; i < limit; i++) if (isSpace(text.charCodeAt(i))) return i;
  return limit;
}

/** Detections of one chunk, with offsets in the whole text. */
export function detectChunk(detect: (text: string) => Detection[], text: string, chunk: Chunk): Detection[] {
  if (chunk.from === 0 && chunk.to === text.length) return detect(text);
  const out: Detection[] = [];
  for (const d of detect(text.slice(chunk.sliceFrom, chunk.sliceTo))) {
    const start = d.start + chunk.sliceFrom;
    if (start < chunk.from || start >= chunk.to) continue;
    out.push({ ...d, start, end: d.end + chunk.sliceFrom });
  }
  return out;
}
