import { Detector } from '../core/detect.ts';
import type { DetectRules } from '../core/registry-types.ts';
import type { Settings } from '../core/settings.ts';
import { CardHost } from './card-host.ts';
import { Cards, type CardServices } from './cards.ts';
import { HOST_TAG } from './dom-walk.ts';
import { Highlighter, highlightsSupported } from './highlighter.ts';
import { inDocumentOrder, liveRange, type Hit, HitIndex } from './hit-index.ts';
import { hitAt } from './hit-test.ts';
import { HoverTracker } from './hover.ts';
import { holdsLongText } from './long-text.ts';
import { MutationQueue, type ChangeBatch } from './mutation-queue.ts';
import type { PageId } from '../core/page-id.ts';
import type { PointerAt } from './pointer-seed.ts';
import { summarise } from './page-ids.ts';
import { noteError, safe } from './safe.ts';
import { smallBlockAt } from './scan-ahead.ts';
import { ScanStatus } from './scan-status.ts';
import { Scanner } from './scanner.ts';
import { Scheduler } from './scheduler.ts';

export interface LensOptions extends CardServices {
  spec: DetectRules;
  settings: Settings;
  /** Called each time a scan pass ends (e.g. to report the page's IDs for the toolbar badge). */
  onScanDone?: () => void;
  /** Where the pointer was before the lens started: looked at once the scan is under way (see HoverTracker.seed). */
  pointer?: PointerAt;
}

/**
 * Everything the extension does on one page, from start to teardown: scan, watch for changes, underline, hover
 * cards, and the answers to the popup's and the service worker's requests. Free of extension APIs: they come in
 * through `options` (content-script.ts wires them). Each collaborator gets what it uses as one named object at
 * construction; data flows one way, from the page's events to the scanner and the index to the highlight and card.
 */
export class Lens {
  private readonly index: HitIndex;
  private readonly status: ScanStatus;
  private settings: Settings;
  private readonly host: CardHost;
  private readonly scheduler: Scheduler;
  private readonly scanner: Scanner;
  private readonly mutations: MutationQueue;
  private readonly highlighter: Highlighter | undefined;
  private readonly cards: Cards;
  private readonly hover: HoverTracker<Hit>;
  /** Elements under the pointer whose block was scanned ahead of the scan in progress (see hitUnder). */
  private scannedAhead = new WeakSet<Element>();

  constructor(
    private readonly doc: Document,
    private readonly options: LensOptions,
  ) {
    this.settings = options.settings;
    // A host left by an earlier copy of us (extension reloaded) sits under <html>: no document-wide query needed.
    for (const child of [...(doc.documentElement?.children ?? [])]) if (child.localName === HOST_TAG) child.remove();
    const host = (this.host = new CardHost(doc));
    this.status = new ScanStatus((state, ids) => {
      host.setScan(state, ids);
      if (state === 'done') options.onScanDone?.();
    });
    const onProgress = () => this.refreshBusy();
    this.scheduler = new Scheduler({ onProgress, onError: noteError });
    this.highlighter = highlightsSupported() ? new Highlighter(doc, noteError) : undefined;
    const index = (this.index = new HitIndex(this.highlighter));
    this.mutations = new MutationQueue({
      ours: host,
      onBatch: (batch) => this.onChanges(batch),
      onError: noteError,
      onPendingChange: onProgress,
    });
    this.scanner = new Scanner({
      doc,
      index,
      scheduler: this.scheduler,
      detector: detectorFor(options.spec, this.settings),
      watcher: this.mutations,
    });
    this.cards = new Cards({ doc, host, index, settings: () => this.settings, services: options });
    this.hover = new HoverTracker<Hit>({
      doc,
      page: {
        hitAt: (x, y, target) => this.hitUnder(x, y, target),
        overCard: (target) => host.owns(target),
        costly: holdsLongText,
        discover: (root) => this.discover(root),
      },
      cards: this.cards,
      signal: host.signal,
    });
    this.listenForFocus();
  }

  /**
   * The hit under the pointer. While a scan is under way, text it has not reached may lie there (a huge page is read
   * top down, and the pointer may rest on an ID from the first moment): its block, if small, is scanned at once.
   */
  private hitUnder(x: number, y: number, target: Element): Hit | undefined {
    const { doc, index, scanner } = this;
    const hit = hitAt(doc, index, x, y, target, scanner.roots);
    if (hit || !this.scheduler.busy || this.scannedAhead.has(target)) return hit;
    this.scannedAhead.add(target);
    const block = smallBlockAt(target, (text) => index.entries(text) !== undefined);
    if (!block) return undefined;
    scanner.scanNow(block);
    this.refreshBusy();
    return hitAt(doc, index, x, y, target, scanner.roots);
  }

  /** An open shadow root met under the pointer: scanned at once, and the pointer's place looked at again after. */
  private discover(root: ShadowRoot): void {
    if (this.scanner.addShadowRoot(root, 'urgent')) void this.status.whenDone(2000).then(() => this.hover.recheck());
  }

  /**
   * Keyboard focus counts like hover: a link or control whose text holds an ID shows its card when reached with Tab
   * (`:focus-visible`, so a mouse click on a link does not), and the card goes when focus moves on.
   */
  private listenForFocus(): void {
    const opts = { capture: true, signal: this.host.signal };
    this.doc.addEventListener(
      'focusin',
      safe((e: FocusEvent) => {
        const target = e.target;
        const card = this.cards.current;
        if (
          !(target instanceof Element) ||
          this.host.owns(target) ||
          card?.mode === 'dialog' ||
          card?.pinned ||
          card?.restoringFocus
        )
          return;
        if (!target.matches(':focus-visible') || (target.textContent?.length ?? 0) > 300) return;
        const hit = this.hitsInElement(target)[0];
        if (hit)
          void this.cards.open(hit, 'hover').then((shown) => shown && this.cards.current?.announceCurrent(), noteError);
      }),
      opts,
    );
    this.doc.addEventListener(
      'focusout',
      safe((e: FocusEvent) => {
        const card = this.cards.current;
        if (!card || card.mode !== 'hover' || card.pinned || this.host.owns(e.relatedTarget as Node | null)) return;
        const key = card.key;
        if (key && e.target instanceof Node && key.nodes.some((n) => (e.target as Node).contains(n))) card.hide(false);
      }),
      opts,
    );
  }

  private hitsInElement(el: Element): Hit[] {
    const range = this.doc.createRange();
    range.selectNodeContents(el);
    return inDocumentOrder(this.hitsIn(range));
  }

  /** The hit whose text holds a caret position. */
  private hitAtCaret(node: Node, offset: number): Hit | undefined {
    for (const e of this.index.entries(node) ?? []) {
      const range = liveRange(this.doc, e.hit.range);
      if (range?.isPointInRange(node, offset)) return e.hit;
    }
    return undefined;
  }

  /**
   * The next-ID / previous-ID commands: the card, as a focused dialog, for the ID after (or before) the one whose
   * card is open, in document order, wrapping around; the dialog's label says where it is ("3 of 9 on this page").
   */
  async step(direction: 1 | -1): Promise<boolean> {
    await this.status.whenDone(3000);
    const all = [...this.index.all()];
    if (all.length === 0) return this.hint();
    // Sorting compares DOM positions: registration order (document order within a scan) stands in on huge pages.
    const ordered = all.length <= 3000 ? inDocumentOrder(all) : all;
    const current = this.cards.current?.key;
    const at = current ? ordered.indexOf(current) : -1;
    const i = at < 0 ? (direction === 1 ? 0 : ordered.length - 1) : (at + direction + ordered.length) % ordered.length;
    const hit = ordered[i]!;
    const range = liveRange(this.doc, hit.range);
    const view = this.doc.defaultView;
    const rect = range?.getBoundingClientRect();
    if (view && rect && (rect.top < 0 || rect.bottom > view.innerHeight)) {
      hit.parent?.scrollIntoView({ block: 'center', inline: 'nearest' });
      const again = liveRange(this.doc, hit.range)?.getBoundingClientRect();
      if (again && (again.top < 0 || again.bottom > view.innerHeight))
        view.scrollBy({ top: again.top - view.innerHeight / 2 });
    }
    return this.cards.open(hit, 'dialog', this.options.t('cardPosition', [String(i + 1), String(ordered.length)]));
  }

  /** A dialog that says what the shortcut needs, when it found no ID to show. */
  private async hint(): Promise<boolean> {
    const { t } = this.options;
    const sel = this.doc.getSelection();
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : undefined;
    await this.cards.openFor(
      range,
      { query: '', secid_query: '', status: 'not_found', results: [], message: t('cardNoIdHere') },
      t('cardNoIdTitle'),
    );
    return false;
  }

  start(): this {
    this.host.setScan('busy', 0);
    if (this.doc.documentElement) this.mutations.observe(this.doc.documentElement);
    this.scanner.full();
    if (this.options.pointer) this.hover.seed(this.options.pointer);
    return this;
  }

  /** New settings on a running page: family switches re-detect everything; delay and theme apply at the next card. */
  update(settings: Settings): void {
    const before = this.settings;
    this.settings = settings;
    if (JSON.stringify(before.families) !== JSON.stringify(settings.families)) {
      this.cards.current?.hide(false);
      this.scanner.detector = detectorFor(this.options.spec, settings);
      this.scanner.full();
    }
  }

  /** Switched off: every listener, observer, highlight and our host go; the page is as it was. */
  destroy(): void {
    this.scheduler.clear();
    this.mutations.disconnect();
    this.hover.destroy();
    this.cards.current?.hide(false);
    // The index first: its removals reach the highlighter, which then drops everything at once.
    this.index.clear();
    this.highlighter?.destroy();
    this.host.destroy();
  }

  /** Distinct IDs on the page (after the scan in progress, if any). */
  async pageIds(): Promise<PageId[]> {
    await this.status.whenDone(3000);
    // Registration order is document order within each scan (sorting tens of thousands of hits would not be).
    return summarise(this.index.all());
  }

  /** Scrolls the index-th occurrence of `text` into view and flashes it; false when there is no such occurrence. */
  async scrollTo(text: string, index = 0): Promise<boolean> {
    await this.status.whenDone(3000);
    const same = [...this.index.all()].filter((h) => h.text === text);
    // Sorting compares DOM positions (slow on huge pages): registration order stands in for long lists.
    const hit = (same.length <= 300 ? inDocumentOrder(same) : same)[index];
    if (!hit) return false;
    const range = liveRange(this.doc, hit.range);
    if (!range) return false;
    hit.parent?.scrollIntoView({ block: 'center', inline: 'nearest' });
    // A tall parent (a long <pre>) puts its middle, not the ID, in view: finish with the ID's own position.
    const view = this.doc.defaultView;
    const rect = range.getBoundingClientRect();
    if (view && (rect.top < 0 || rect.bottom > view.innerHeight))
      view.scrollBy({ top: rect.top - view.innerHeight / 2 });
    this.highlighter?.flash(hit.range);
    return true;
  }

  /**
   * The card for the selection (the keyboard command) or for `text` (the context menu), as a focused dialog.
   * Prefers a detected ID inside the selection; else resolves the selected text directly, anchored to it.
   */
  async showCard(text?: string): Promise<boolean> {
    const wanted = text?.trim();
    const sel = this.doc.getSelection();
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : undefined;
    if (range && !range.collapsed) {
      const inside = inDocumentOrder(this.hitsIn(range));
      const hit = wanted ? inside.find((h) => h.text === wanted) : inside[0];
      if (hit) return this.cards.open(hit, 'dialog');
    }
    if (!wanted) {
      // The keyboard command without a selection: the ID at the caret, else the first ID in the focused element.
      const caret = range?.collapsed ? this.hitAtCaret(range.startContainer, range.startOffset) : undefined;
      if (caret) return this.cards.open(caret, 'dialog');
      const active = this.doc.activeElement;
      const focused =
        active && active !== this.doc.body && active !== this.doc.documentElement && !this.host.owns(active)
          ? this.hitsInElement(active)[0]
          : undefined;
      if (focused) return this.cards.open(focused, 'dialog');
    }
    const query = wanted || this.scanner.detector.detect(sel?.toString() ?? '')[0]?.text;
    if (!query) return wanted ? false : this.hint();
    // The card UI loads while the answer comes.
    const [response] = await Promise.all([this.options.resolve(query), this.cards.load()]);
    if (!response || response.status === 'not_found' || response.status === 'error') return false;
    return this.cards.openFor(range, response, query);
  }

  /** Hits in a selection, from the text nodes it covers (at most a few thousand nodes are looked at). */
  private hitsIn(range: Range): Hit[] {
    const found = new Set<Hit>();
    const root = range.commonAncestorContainer;
    const take = (node: Node) => {
      for (const e of this.index.entries(node) ?? []) if (intersects(range, e.hit)) found.add(e.hit);
    };
    if (root.nodeType === Node.TEXT_NODE) take(root);
    else {
      const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let budget = 5000;
      for (let n = walker.nextNode(); n && budget-- > 0; n = walker.nextNode()) if (range.intersectsNode(n)) take(n);
    }
    return [...found];
  }

  private onChanges(batch: ChangeBatch): void {
    if (batch.full) {
      this.scanner.full();
      return;
    }
    if (batch.removed) this.scheduler.add(this.index.purge(), 'urgent');
    this.scanner.rescan(batch);
    this.highlighter?.invalidate();
  }

  private refreshBusy(): void {
    if (!this.scheduler.busy) this.scannedAhead = new WeakSet();
    this.status.setBusy(this.scheduler.busy || this.mutations.pending, this.index.size);
  }
}

export function startLens(doc: Document, options: LensOptions): Lens {
  return new Lens(doc, options).start();
}

function detectorFor(spec: DetectRules, settings: Settings): Detector {
  return new Detector(spec, { families: settings.families });
}

function intersects(range: Range, hit: Hit): boolean {
  try {
    const r = hit.range;
    const a = range.comparePoint(r.startContainer, r.startOffset);
    const b = range.comparePoint(r.endContainer, r.endOffset);
    return a === 0 || b === 0 || (a < 0 && b > 0);
  } catch {
    return false;
  }
}
