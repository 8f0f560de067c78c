import { CANDIDATE_OVERLAP } from '../core/detect.ts';
import { HOST_TAG, inlineSpanOf, isInline, type InlineSpan } from './dom-walk.ts';
import { hasMoreElements } from './element-count.ts';
import { noteError, safe } from './safe.ts';
import { fewTexts, textUnits, unitText } from './text-units.ts';

/** Main-thread time the first read of the page's text takes per task before it lets the page run. */
const SLICE_MS = 6;

export interface CandidateWatchOptions {
  doc: Document;
  /** The detector's candidate pattern for the families on (see candidatePattern in src/core/detect.ts). */
  pattern: RegExp;
  /** The first candidate met, with the text it is in: the page may hold an ID, so the lens is needed. Called once. */
  onCandidate: (text: string) => void;
}

/**
 * The first stage's look at a page (see stage-types.ts): whether its text holds a candidate, that is a place where an
 * ID may be, now or once text arrives. It reads the page's text in units (one native read each: see text-units.ts)
 * and tests the candidate pattern on it; then a MutationObserver tests the text that arrives or changes, with the
 * inline siblings around it (the most text one run can reach: see inlineSpanOf), and a pointer over an open shadow
 * root tests that root's text (the lens, too, finds a web component without light text under the pointer). A false
 * alarm only loads the lens, which then finds nothing; a candidate is never missed, so neither is an ID. A page with
 * none pays for one read of its text and a regex, and gets no node, no other observer and no listener but one.
 * Returns the stop function (also called by itself at the first candidate).
 */
export function watchCandidates({ doc, pattern, onCandidate }: CandidateWatchOptions): () => void {
  let stopped = false;
  /** The text the last candidate was met in. */
  let met = '';
  const has = (text: string) => {
    if (text.length === 0 || !pattern.test(text)) return false;
    met = text;
    return true;
  };
  const found = () => {
    if (stopped) return;
    stop();
    onCandidate(met);
  };

  /** Spans read in this batch of records (a burst of edits to one paragraph reads it once). */
  let read = new Set<Node>();
  const observer = new MutationObserver(
    safe((records: MutationRecord[]) => {
      read = new Set();
      if (!stopped && records.some(holdsCandidate)) found();
    }),
  );
  const spanHas = (node: Node | null): boolean => {
    if (!node?.parentNode) return false;
    const span = inlineSpanOf(node);
    if (!span || read.has(span.first)) return false;
    read.add(span.first);
    return has(spanText(span));
  };
  const holdsCandidate = (r: MutationRecord): boolean => {
    if (r.type === 'characterData') return spanHas(r.target);
    for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n as Element).localName === HOST_TAG) continue;
      if (n.nodeType === 1 && !isInline(n) ? has(n.textContent ?? '') : spanHas(n)) return true;
    }
    // Text removed from between two pieces can join them into one ID (`CWE-<br>79` losing its <br>).
    return (
      r.removedNodes.length > 0 &&
      (spanHas(r.previousSibling) || spanHas(r.nextSibling) || (isInline(r.target) && spanHas(r.target)))
    );
  };

  const shadows = new WeakSet<ShadowRoot>();
  const onPointer = safe((e: PointerEvent) => {
    for (const n of e.composedPath()) {
      const shadow = (n as Partial<Element>).shadowRoot;
      if (!shadow || shadows.has(shadow)) continue;
      shadows.add(shadow);
      if (has(shadow.textContent ?? '')) return found();
    }
  });

  function stop(): void {
    stopped = true;
    observer.disconnect();
    doc.removeEventListener('pointerover', onPointer, true);
  }

  const root = doc.documentElement;
  if (root) observer.observe(root, { childList: true, characterData: true, subtree: true });
  doc.addEventListener('pointerover', onPointer, { capture: true, passive: true });
  const body = doc.body ?? root;
  // A text file's shape (see fewTexts): its text nodes' data as they are, script and style text left out.
  const few = body && fewTexts(body)?.filter((t) => !inCode(t));
  if (few) {
    if (textsHold(few, has)) found();
  } else if (body && !(isBig(body) && has(headText(doc, body)))) readSliced(textUnits(body), has, found, () => stopped);
  else if (body) found();
  return stop;
}

/** Elements under <body> above which the page's text is read in many units (see textUnits' whole-page bound). */
const BIG_PAGE_ELEMENTS = 4000;
/** Text nodes read from the top of a big page before it is read unit by unit. */
const HEAD_NODES = 1000;
const HEAD_CHARS = 64 * 1024;

function isBig(body: Element): boolean {
  return hasMoreElements(body, BIG_PAGE_ELEMENTS);
}

/**
 * The text at the top of a big page, node by node (script and style text left out). Splitting a big page into units
 * reads all of its children first (100,000 rows of a table: a quarter of a second here), so an ID in the first
 * screen is looked for this way first: a page that shows IDs at once gets its lens that much sooner.
 */
function headText(doc: Document, body: Element): string {
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let i = 0, n = walker.nextNode(); n && i < HEAD_NODES && text.length < HEAD_CHARS; n = walker.nextNode(), i++) {
    if (!inCode(n)) text += (n as Text).data;
  }
  return text;
}

/** A text node read on its own rather than joined to its neighbours' text. */
const LONG_TEXT = 64 * 1024;

/**
 * Whether text nodes in document order hold a candidate, their text joined as textContent would join it, without
 * copying a long node: a long node is tested alone, and with CANDIDATE_OVERLAP characters (longer than any candidate)
 * of the text either side of it; shorter nodes are joined, and tested each time the joined text passes LONG_TEXT,
 * which then keeps only its last CANDIDATE_OVERLAP characters. So a candidate across any edge is met too.
 */
function textsHold(texts: Text[], has: (text: string) => boolean): boolean {
  let joined = '';
  for (const t of texts) {
    const data = t.data;
    if (data.length > LONG_TEXT) {
      if (has(joined + data.slice(0, CANDIDATE_OVERLAP)) || has(data)) return true;
      joined = data.slice(-CANDIDATE_OVERLAP);
      continue;
    }
    joined += data;
    // Tested as it grows, so no string the regex flattens is ever long (see fewTexts).
    if (joined.length > LONG_TEXT) {
      if (has(joined)) return true;
      joined = joined.slice(-CANDIDATE_OVERLAP);
    }
  }
  return has(joined);
}

/** The page's text unit by unit, a few milliseconds per task, until a candidate or the end. */
function readSliced(
  units: Generator<Node[] | undefined>,
  has: (text: string) => boolean,
  found: () => void,
  stopped: () => boolean,
): void {
  const run = () => {
    try {
      const until = performance.now() + SLICE_MS;
      for (let next = units.next(); !next.done; next = units.next()) {
        if (stopped()) return;
        const text = next.value ? unitText(next.value).text : '';
        if (has(text) && has(withoutCode(next.value!, text))) return found();
        if (performance.now() > until) {
          setTimeout(run, 0);
          return;
        }
      }
    } catch (error) {
      noteError(error);
    }
  };
  run();
}

/** Elements whose text is code or a form's value: never scanned (see isSkipped), but in textContent. */
const CODE = 'script,style,noscript,textarea';
const CODE_TAGS = new Set(CODE.split(','));

/** A text node of such an element. */
const inCode = (text: Node) => CODE_TAGS.has(text.parentElement?.localName ?? '');

/**
 * A unit's text without its scripts' and styles' (a page's inline JSON and minified code hold plenty of candidates
 * but no ID the lens would show). Each code element's text is cut at its next occurrence in document order; should an
 * equal string come earlier in the page's own text, that copy is cut instead and the code's stays: the same string,
 * so a candidate in it is still seen. Only run when the whole text has a candidate.
 */
function withoutCode(unit: Node[], text: string): string {
  const code: Element[] = [];
  for (const node of unit) {
    if (node.nodeType !== 1) continue;
    if ((node as Element).matches(CODE)) code.push(node as Element);
    else for (const el of (node as Element).querySelectorAll(CODE)) code.push(el);
  }
  if (!code.length) return text;
  let out = '';
  let at = 0;
  let last: Element | undefined;
  for (const el of code) {
    if (last?.contains(el)) continue;
    last = el;
    const own = el.textContent ?? '';
    const i = own ? text.indexOf(own, at) : -1;
    if (i < 0) continue;
    out += text.slice(at, i);
    at = i + own.length;
  }
  return out + text.slice(at);
}

/** The text of an inline span (its text and inline elements; comments hold no page text). */
function spanText({ first, last }: InlineSpan): string {
  let text = '';
  for (let n: Node | null = first; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 1) text += n.textContent ?? '';
    if (n === last) break;
  }
  return text;
}
