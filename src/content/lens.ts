import type { VirtualElement } from '@floating-ui/dom';
import { Detector } from '../core/detect.ts';
import type { DetectorSpec } from '../core/registry-types.ts';
import type { Settings } from '../core/settings.ts';
import { CardHost } from './card-host.ts';
import type { Translate } from '../ui/card.ts';
import type { CardMode, CardUi, CardUiDeps, CardUiFactory } from './card-ui-types.ts';
import { HOST_TAG } from './dom-walk.ts';
import { Highlighter, highlightsSupported } from './highlighter.ts';
import { inDocumentOrder, liveRange, type Hit, HitIndex } from './hit-index.ts';
import { hitAt } from './hit-test.ts';
import { HoverTracker } from './hover.ts';
import { holdsLongText, isLongText } from './long-text.ts';
import { MutationQueue, type ChangeBatch } from './mutation-queue.ts';
import { pageLooksDark } from './page-background.ts';
import type { PageId } from '../core/page-id.ts';
import { summarise } from './page-ids.ts';
import type { Lookup } from './lookup-client.ts';
import { errorCount, noteError, safe } from './safe.ts';
import { ScanStatus, type ScanStats } from './scan-status.ts';
import { Scanner } from './scanner.ts';
import { Scheduler } from './scheduler.ts';

export interface LensOptions {
  spec: DetectorSpec;
  settings: Settings;
  resolve: Lookup;
  /** The card UI, loaded on first use (see card-ui-types.ts); undefined when it cannot be loaded. */
  loadCards: () => Promise<CardUiFactory | undefined>;
  /** Opens a related SecID (the SecID page, through the service worker). */
  openRelated: (secid: string) => void;
  /** UI strings (the step position, the shortcut's hint). */
  t: Translate;
  /** Opt-in live details (through the service worker). */
  live?: CardUiDeps['live'];
  /** Called each time a scan pass ends (e.g. to report the page's IDs for the toolbar badge). */
  onScanDone?: () => void;
  /** Opens a card's link: the service worker opens `url` if `query` resolves to it. */
  openUrl: (query: string, url: string) => void;
}

/**
 * Everything the extension does on one page, from start to teardown: scan, watch for changes, underline, hover
 * cards, and the answers to the popup's and the service worker's requests. Free of extension APIs (they come in
 * through `options`), so a benchmark can start it on a plain page and await `status.whenDone()`.
 */
export class Lens {
  readonly index = new HitIndex();
  readonly status: ScanStatus;
  private settings: Settings;
  private readonly host: CardHost;
  private readonly scheduler: Scheduler;
  private readonly scanner: Scanner;
  private readonly mutations: MutationQueue;
  private readonly highlighter: Highlighter | undefined;
  private card: CardUi | undefined;
  private readonly hover: HoverTracker<Hit>;

  constructor(
    private readonly doc: Document,
    private readonly options: LensOptions,
  ) {
    this.settings = options.settings;
    // A host left by an earlier copy of us (extension reloaded) sits under <html>: no document-wide query needed.
    for (const child of [...(doc.documentElement?.children ?? [])]) if (child.localName === HOST_TAG) child.remove();
    this.host = new CardHost(doc);
    this.status = new ScanStatus((state, ids) => {
      this.host.setScan(state, ids);
      if (state === 'done') options.onScanDone?.();
    });
    this.scheduler = new Scheduler(() => this.refreshBusy(), noteError);
    if (highlightsSupported()) {
      const hl = new Highlighter(doc, noteError);
      this.highlighter = hl;
      this.index.onAdd = (hit) => hl.add(hit);
      this.index.onRemove = (hit) => hl.remove(hit);
    }
    this.mutations = new MutationQueue(
      (node) => this.host.owns(node),
      (batch) => this.onChanges(batch),
      noteError,
      () => this.refreshBusy(),
    );
    this.scanner = new Scanner(doc, this.index, this.scheduler, detectorFor(options.spec, this.settings), (root) =>
      this.mutations.observe(root),
    );
    this.hover = new HoverTracker<Hit>(
      doc,
      {
        hitAt: (x, y, target) => hitAt(doc, this.index, x, y, target, this.scanner.roots),
        overCard: (target) => this.host.owns(target),
        shown: () => (this.card?.mode === 'hover' ? (this.card.key as Hit) : undefined),
        prefetch: (hit) => {
          // The dwell pays for the card UI, the first card's box and its answer, so the card shows at once.
          void this.cards().then(() => this.host.reveal());
          void options.resolve(hit.text, hit.detection.contextEdition);
        },
        // A dialog (context menu, keyboard) stays until it is dismissed: the pointer resting on its ID must not swap it.
        // A pinned card stays too.
        show: (hit) =>
          void (this.card?.mode === 'dialog' || this.card?.pinned
            ? undefined
            : this.openHit(hit, 'hover').catch(noteError)),
        hide: () => this.card?.mode === 'hover' && !this.card.pinned && this.card.hide(false),
        delay: () => this.settings.hoverDelayMs,
        costly: (target) => holdsLongText(target),
        discover: (root) => {
          if (this.scanner.addShadowRoot(root, 'urgent'))
            void this.status.whenDone(2000).then(() => this.hover.recheck());
        },
      },
      this.host.signal,
    );
    this.listenForFocus();
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
        if (
          !(target instanceof Element) ||
          this.host.owns(target) ||
          this.card?.mode === 'dialog' ||
          this.card?.pinned ||
          this.card?.restoringFocus
        )
          return;
        if (!target.matches(':focus-visible') || (target.textContent?.length ?? 0) > 300) return;
        const hit = this.hitsInElement(target)[0];
        if (hit) void this.openHit(hit, 'hover').then((shown) => shown && this.card?.announceCurrent(), noteError);
      }),
      opts,
    );
    this.doc.addEventListener(
      'focusout',
      safe((e: FocusEvent) => {
        if (
          !this.card ||
          this.card.mode !== 'hover' ||
          this.card.pinned ||
          this.host.owns(e.relatedTarget as Node | null)
        )
          return;
        const key = this.card.key as Hit | undefined;
        if (key && e.target instanceof Node && key.nodes.some((n) => (e.target as Node).contains(n)))
          this.card.hide(false);
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
    const current = this.card?.key as Hit | undefined;
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
    return this.openHit(hit, 'dialog', this.options.t('cardPosition', [String(i + 1), String(ordered.length)]));
  }

  /** A dialog that says what the shortcut needs, when it found no ID to show. */
  private async hint(): Promise<boolean> {
    const { t } = this.options;
    const sel = this.doc.getSelection();
    const range = sel && sel.rangeCount ? sel.getRangeAt(0) : undefined;
    const card = await this.cards();
    card?.show(
      selectionAnchor(this.doc, range),
      { query: '', secid_query: '', status: 'not_found', results: [], message: t('cardNoIdHere') },
      t('cardNoIdTitle'),
      'dialog',
      undefined,
    );
    return false;
  }

  start(): this {
    this.host.setScan('busy', 0);
    if (this.doc.documentElement) this.mutations.observe(this.doc.documentElement);
    this.scanner.full();
    return this;
  }

  /** New settings on a running page: family switches re-detect everything; delay and theme apply at the next card. */
  update(settings: Settings): void {
    const before = this.settings;
    this.settings = settings;
    if (JSON.stringify(before.families) !== JSON.stringify(settings.families)) {
      this.card?.hide(false);
      this.scanner.detector = detectorFor(this.options.spec, settings);
      this.scanner.full();
    }
  }

  /** Switched off: every listener, observer, highlight and our host go; the page is as it was. */
  destroy(): void {
    this.scheduler.clear();
    this.mutations.disconnect();
    this.hover.destroy();
    this.card?.hide(false);
    this.highlighter?.destroy();
    this.index.onAdd = () => {};
    this.index.onRemove = () => {};
    this.index.clear();
    this.host.destroy();
  }

  stats(): ScanStats {
    return {
      ...this.status.stats,
      ids: this.index.size,
      busyMs: this.scheduler.busyMs,
      longestSliceMs: this.scheduler.longestSliceMs,
      errors: errorCount(),
    };
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
      if (hit) return this.openHit(hit, 'dialog');
    }
    if (!wanted) {
      // The keyboard command without a selection: the ID at the caret, else the first ID in the focused element.
      const caret = range?.collapsed ? this.hitAtCaret(range.startContainer, range.startOffset) : undefined;
      if (caret) return this.openHit(caret, 'dialog');
      const active = this.doc.activeElement;
      const focused =
        active && active !== this.doc.body && active !== this.doc.documentElement && !this.host.owns(active)
          ? this.hitsInElement(active)[0]
          : undefined;
      if (focused) return this.openHit(focused, 'dialog');
    }
    const query = wanted || this.scanner.detector.detect(sel?.toString() ?? '')[0]?.text;
    if (!query) return wanted ? false : this.hint();
    const [response, card] = await Promise.all([this.options.resolve(query), this.cards()]);
    if (!response || !card || response.status === 'not_found' || response.status === 'error') return false;
    card.show(selectionAnchor(this.doc, range), response, query, 'dialog', undefined);
    return true;
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

  private async openHit(hit: Hit, mode: CardMode, position?: string): Promise<boolean> {
    const [response, card] = await Promise.all([
      this.options.resolve(hit.text, hit.detection.contextEdition),
      this.cards(),
    ]);
    if (!response || !card || !this.index.has(hit)) return false;
    // A hover answer that comes back after a dialog opened (or while a card is pinned) does not replace it.
    if (mode === 'hover' && (card.mode === 'dialog' || card.pinned)) return false;
    card.show(hitAnchor(this.doc, hit), response, hit.text, mode, hit, position);
    return true;
  }

  /** The card, created from the card UI on first use (most pages never show one: see card-ui-types.ts). */
  private async cards(): Promise<CardUi | undefined> {
    if (this.card) return this.card;
    const factory = await this.options.loadCards();
    if (!factory || this.host.signal.aborted) return undefined;
    this.card ??= factory({
      doc: this.doc,
      host: this.host,
      theme: () => this.theme(),
      onRelated: (secid) => this.options.openRelated(secid),
      resolve: (query) => this.options.resolve(query),
      openUrl: (query, url) => this.options.openUrl(query, url),
      onError: noteError,
      ...(this.options.live ? { live: this.options.live } : {}),
    });
    return this.card;
  }

  private onChanges(batch: ChangeBatch): void {
    if (batch.full) {
      this.scanner.full();
      return;
    }
    if (batch.removed) this.scheduler.add(this.index.purge(), 'urgent');
    this.scanner.rescan(batch.roots);
    this.highlighter?.invalidate();
  }

  private refreshBusy(): void {
    this.status.setBusy(this.scheduler.busy || this.mutations.pending, this.index.size);
  }

  private theme(): 'light' | 'dark' {
    if (this.settings.theme === 'light' || this.settings.theme === 'dark') return this.settings.theme;
    const system = this.doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    if (this.settings.theme === 'auto') return system;
    // Match the page: the background behind the ID the card is for (or the page's), else the system scheme.
    const key = this.card?.key as Hit | undefined;
    const dark = pageLooksDark(this.doc, key?.parent ?? this.doc.body);
    return dark === undefined ? system : dark ? 'dark' : 'light';
  }
}

export function startLens(doc: Document, options: LensOptions): Lens {
  return new Lens(doc, options).start();
}

function detectorFor(spec: DetectorSpec, settings: Settings): Detector {
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

function hitAnchor(doc: Document, hit: Hit): VirtualElement {
  const parent = hit.parent;
  if (parent && isLongText(hit.nodes[0]!)) {
    // A range's box in a long text node costs time in proportion to the node, and the card asks for it several
    // times per placement: measured once, then kept as an offset from its element's box (cheap, follows scrolling).
    let offset: { x: number; y: number; w: number; h: number } | undefined;
    const box = () => {
      const el = parent.getBoundingClientRect();
      if (!offset) {
        const r = liveRange(doc, hit.range)?.getBoundingClientRect();
        if (!r) return new DOMRect();
        offset = { x: r.x - el.x, y: r.y - el.y, w: r.width, h: r.height };
      }
      return new DOMRect(el.x + offset.x, el.y + offset.y, offset.w, offset.h);
    };
    return {
      getBoundingClientRect: box,
      getClientRects: () => [box()] as unknown as DOMRectList,
      contextElement: parent,
    };
  }
  return {
    getBoundingClientRect: () => liveRange(doc, hit.range)?.getBoundingClientRect() ?? new DOMRect(),
    getClientRects: () => liveRange(doc, hit.range)?.getClientRects() ?? ([] as unknown as DOMRectList),
    ...(hit.parent ? { contextElement: hit.parent } : {}),
  };
}

/** The selection's box; for a selection inside a form field, the field's box. */
function selectionAnchor(doc: Document, range: Range | undefined): VirtualElement {
  const saved = range?.cloneRange();
  const active = doc.activeElement;
  const box = () => {
    const rect = saved && !saved.collapsed ? saved.getBoundingClientRect() : undefined;
    if (rect && (rect.width || rect.height)) return rect;
    return active && active !== doc.body ? active.getBoundingClientRect() : new DOMRect(16, 16, 0, 0);
  };
  const context = saved?.startContainer.parentElement ?? active ?? undefined;
  return { getBoundingClientRect: box, ...(context ? { contextElement: context } : {}) };
}
