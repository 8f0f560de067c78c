import { RunBuilder, type Run } from './text-runs.ts';

/** Our own UI's host element; its name is the one node the extension adds to a page. */
export const HOST_TAG = 'secid-lens-root';

// Never scanned: code the page runs, form fields, media, and our own UI.
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'head',
  'title',
  'svg',
  'math',
  'canvas',
  'iframe',
  'frame',
  'object',
  'embed',
  'video',
  'audio',
  HOST_TAG,
]);

// Known editors render text outside contenteditable too (CodeMirror 5, Monaco); touching them breaks them.
const EDITOR_CLASS =
  /(?:^|\s)(?:CodeMirror|cm-editor|monaco-editor|ProseMirror|tox|tox-tinymce|mce-content-body|ace_editor|ql-editor|ck-editor__editable|ck-content)(?:\s|$)/;

// Text inside these flows on the same line as its neighbours, so it is joined with them into one run.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

/** True for an element whose subtree is never scanned (form fields, editors, contenteditable, our host). */
export function isSkipped(el: Element): boolean {
  if (SKIP.has(el.localName)) return true;
  if (!el.hasAttributes()) return false;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (el.hasAttribute('hidden') || el.hasAttribute('data-lexical-editor') || el.hasAttribute('data-slate-editor'))
    return true;
  if (el.getAttribute('role') === 'textbox') return true;
  const cls = el.getAttribute('class');
  return cls !== null && EDITOR_CLASS.test(cls);
}

/** True when the node is in a skipped subtree or in no document (climbs through shadow hosts). */
export function inSkippedRegion(node: Node): boolean {
  if (!node.isConnected) return true;
  for (let n: Node | null = node; n;) {
    if (n.nodeType === 1 && isSkipped(n as Element)) return true;
    n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null);
  }
  return false;
}

export function isInline(node: Node): boolean {
  return node.nodeType === 1 && INLINE.has((node as Element).localName);
}

/** The nearest ancestor that is not an inline element: text in one run never crosses it. */
export function blockOf(node: Node): Node | null {
  let p = node.parentNode;
  while (p && isInline(p)) p = p.parentNode;
  return p;
}

/**
 * Consecutive siblings whose text can read as one piece: text and inline elements (and comments, which break
 * nothing), between two other elements or the ends of their parent. No run crosses a span's ends, so when text in
 * it changes, walking the span again finds everything that change can have made or broken.
 */
export interface InlineSpan {
  first: Node;
  last: Node;
}

function continuesRun(node: Node): boolean {
  return node.nodeType !== 1 || isInline(node);
}

/** The span holding `node` (climbing out of inline ancestors); undefined for a block, which no run crosses. */
export function inlineSpanOf(node: Node): InlineSpan | undefined {
  let n = node;
  while (n.parentNode && isInline(n.parentNode)) n = n.parentNode;
  if (!continuesRun(n) || !n.parentNode) return undefined;
  let first = n;
  let last = n;
  for (let p = first.previousSibling; p && continuesRun(p); p = p.previousSibling) first = p;
  for (let p = last.nextSibling; p && continuesRun(p); p = p.nextSibling) last = p;
  return { first, last };
}

export interface WalkOptions {
  /** Called for every text node taken into a run. */
  onText?: (node: Text) => void;
  /** Called for every open shadow root met on the way (on the ancestors of text; hosts without light text are missed). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Only these children of `root` (and what is under them). */
  span?: InlineSpan;
}

/**
 * Walks the text of `root` in document order and yields each complete run; yields `undefined` every few dozen
 * nodes so the caller can check its time budget even where no text is.
 *
 * The walker shows text nodes only and has no filter: a JavaScript filter is called for every node of the page and
 * was five times slower on a 10 MB page. Skipped regions (form fields, editors) are found from each text node's
 * parent, with a cache, and jumped over as a whole.
 */
export function* walkRuns(root: Node, options: WalkOptions = {}): Generator<Run<Text> | undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const skipped = new Map<Node, Element | null>([[root, null]]);
  /** The outermost skipped element above `node` (below root), or null. */
  const skippedAbove = (node: Node): Element | null => {
    // Kept small: every node held here keeps its JavaScript wrapper alive, and a content script's wrappers live in
    // a per-world hash map whose growth (rehashing 100,000 entries) showed up as 50 ms pauses on a 10 MB page.
    if (skipped.size > 2048) {
      skipped.clear();
      skipped.set(root, null);
    }
    const path: Node[] = [];
    let found: Element | null | undefined;
    for (let n: Node | null = node; n; n = n.parentNode) {
      found = skipped.get(n);
      if (found !== undefined) break;
      path.push(n);
    }
    let result = found ?? null;
    // Cache from the top down: a skipped element shadows everything under it.
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i]!;
      if (!result && n.nodeType === 1) {
        const el = n as Element;
        if (isSkipped(el)) result = el;
        else if (el.shadowRoot && options.onShadowRoot) options.onShadowRoot(el.shadowRoot);
      }
      skipped.set(n, result);
    }
    return result;
  };
  const builder = new RunBuilder<Text>();
  let block: Node | null | undefined;
  let broken = true;
  let steps = 0;
  const { first, stop } = options.span ? spanBounds(walker, options.span) : { first: walker.nextNode(), stop: null };
  for (let node = first; node && node !== stop;) {
    if (++steps % 64 === 0) yield undefined;
    const text = node as Text;
    const parent = text.parentNode;
    const skip = parent ? skippedAbove(parent) : null;
    if (skip) {
      // Jump past the whole skipped subtree: with text nodes shown only, nextSibling() is the next text after it.
      broken = true;
      walker.currentNode = skip;
      node = walker.nextSibling();
      continue;
    }
    const b = blockOf(text);
    if (broken || b !== block || breakBefore(text)) {
      const run = builder.flush();
      if (run) yield run;
      block = b;
    }
    broken = false;
    options.onText?.(text);
    const run = builder.push(text, text.data);
    if (run) yield run;
    node = walker.nextNode();
  }
  const last = builder.flush();
  if (last) yield last;
}

/** The first text node of a span and the first text after it (null: none), found with the walk's own walker. */
function spanBounds(walker: TreeWalker, span: InlineSpan): { first: Node | null; stop: Node | null } {
  const after = span.last.nextSibling;
  let stop: Node | null = null;
  if (after?.nodeType === 3) stop = after;
  else if (after) {
    walker.currentNode = after;
    stop = walker.nextNode();
  }
  walker.currentNode = span.first;
  return { first: span.first.nodeType === 3 ? span.first : walker.nextNode(), stop };
}

/**
 * True when something other than inline text separates this text node from the text before it in its block: a
 * `<br>`, an image, a form field. Looks only at the nearest preceding sibling (of the node or its inline ancestors).
 */
function breakBefore(text: Text): boolean {
  let n: Node = text;
  while (!n.previousSibling && n.parentNode && isInline(n.parentNode)) n = n.parentNode;
  const prev = n.previousSibling;
  return prev !== null && prev.nodeType === 1 && !isInline(prev);
}
