import type { Detection, Detector } from './detect.ts';
import type { Registry } from './registry.ts';
import { resolve, type ResolveResponse } from './resolve.ts';
import type { ScanHit } from './scan.ts';

/**
 * Scans a text that arrives in pieces (a file or a pipe of any size) with memory bounded by a few windows, not by the
 * input: detections are reported as soon as no later piece can change them, and the text before them is dropped.
 *
 * Why it is exact: detection rules look at most MAX_SECID characters ahead (a SecID is capped) and 120 around (context
 * and edition hints), and no family's pattern spans whitespace. So a window is cut at a whitespace character at least
 * LOOKAHEAD characters before its end; detections starting before the cut are final; the next window starts LOOKBEHIND
 * characters before the cut, which keeps the lookbehind and the context words. A text with no whitespace for
 * LOOKAHEAD characters is cut where it is (an over-long token is not an ID anyway).
 */
const LOOKAHEAD = 2048;
const LOOKBEHIND = 256;
/** Characters gathered before a window is searched: big enough that the overlap is a small share of the work. */
const WINDOW = 16 * 1024;
/** How far back from the end of a window a whitespace character is looked for. */
const CUT_SEARCH = 4096;
/**
 * Distinct IDs whose resolution is kept: an ID repeated nearby resolves once. Small on purpose: entries that live long
 * are promoted to the old heap, and on input with millions of distinct IDs a big cache made the peak heap grow.
 */
const RESOLUTION_CACHE = 256;

export interface ScanStreamOptions {
  detector: Detector;
  registry: Registry;
  onHit: (hit: ScanHit) => void;
}

/** Where a segment starts in the source (1-based line and column, 0-based offset). */
export interface SegmentStart {
  line: number;
  column: number;
  offset: number;
}

export class ScanStream {
  private readonly detector: Detector;
  private readonly registry: Registry;
  private readonly onHit: (hit: ScanHit) => void;
  private readonly cache = new Map<string, ResolveResponse>();
  private buffer = '';
  /** Offset in the segment of buffer[0]. */
  private bufferStart = 0;
  /** Detections starting before this segment offset have been reported. */
  private reportedTo = 0;
  /** Line counting: newlines before `countedTo` are counted; `line` is the line there and `lineStart` its offset. */
  private countedTo = 0;
  private line = 1;
  private lineStart = 0;
  private segment: SegmentStart = { line: 1, column: 1, offset: 0 };

  constructor(options: ScanStreamOptions) {
    this.detector = options.detector;
    this.registry = options.registry;
    this.onHit = options.onHit;
  }

  /** Starts a separate text (an HTML text node): IDs never join across segments. Ends the previous one. */
  begin(start: SegmentStart): void {
    this.end();
    this.segment = start;
  }

  push(text: string): void {
    this.buffer = this.buffer.length ? this.buffer + text : text;
    if (this.buffer.length >= WINDOW + LOOKAHEAD) this.search(false);
  }

  /** Reports the rest of the current segment. */
  end(): void {
    if (this.buffer.length) this.search(true);
    this.buffer = '';
    this.bufferStart = this.reportedTo = this.countedTo = this.lineStart = 0;
    this.line = 1;
  }

  private search(final: boolean): void {
    const text = this.buffer;
    const limit = final ? text.length : cutPoint(text, text.length - LOOKAHEAD);
    for (const d of this.detector.detect(text)) {
      if (d.start >= limit) break;
      const at = this.bufferStart + d.start;
      if (at < this.reportedTo) continue;
      this.report(d, at);
      this.reportedTo = at + (d.end - d.start);
    }
    this.reportedTo = Math.max(this.reportedTo, this.bufferStart + limit);
    if (final) return;
    const keepFrom = Math.max(0, limit - LOOKBEHIND);
    this.countTo(this.bufferStart + keepFrom);
    this.buffer = text.slice(keepFrom);
    this.bufferStart += keepFrom;
  }

  /** Advances line counting to segment offset `to` (never backwards). */
  private countTo(to: number): void {
    const text = this.buffer;
    for (
      let i = text.indexOf('\n', this.countedTo - this.bufferStart);
      i >= 0 && this.bufferStart + i < to;
      i = text.indexOf('\n', i + 1)
    ) {
      this.line++;
      this.lineStart = this.bufferStart + i + 1;
    }
    this.countedTo = Math.max(this.countedTo, to);
  }

  private report(d: Detection, at: number): void {
    this.countTo(at);
    const line = this.segment.line + this.line - 1;
    const column = this.line === 1 ? this.segment.column + at : at - this.lineStart + 1;
    const length = d.end - d.start;
    // Offsets count from the start of the input (UTF-16 code units), not of the window.
    const start = this.segment.offset + at;
    this.onHit({ ...d, start, end: start + length, line, column, resolution: this.resolve(d) });
  }

  private resolve(d: Detection): ResolveResponse {
    // The ID as written (an edition written with it, LLM01:2025, is part of the text).
    const query = d.text;
    const key = `${query}\u0000${d.contextEdition ?? ''}`;
    let resolution = this.cache.get(key);
    if (resolution) {
      // Most recently used last, so the oldest is dropped first.
      this.cache.delete(key);
    } else {
      resolution = resolve(
        this.registry,
        query,
        d.contextEdition !== undefined ? { contextEdition: d.contextEdition } : {},
      );
      if (this.cache.size >= RESOLUTION_CACHE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, resolution);
    return resolution;
  }
}

/** The last whitespace at or before `from` (within CUT_SEARCH), or `from` itself when there is none. */
function cutPoint(text: string, from: number): number {
  for (let i = from; i > from - CUT_SEARCH && i > 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12) return i;
  }
  return from;
}
