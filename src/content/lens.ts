import type { VirtualElement } from '@floating-ui/dom';
import { Detector } from '../core/detect.ts';
import type { DetectorSpec } from '../core/registry-types.ts';
import type { Settings } from '../core/settings.ts';
import { CardHost } from './card-host.ts';
import type { CardMode, CardUi, CardUiFactory } from './card-ui-types.ts';
import { HOST_TAG } from './dom-walk.ts';
import { Highlighter, highlightsSupported } from './highlighter.ts';
import { inDocumentOrder, liveRange, type Hit, HitIndex } from './hit-index.ts';
import { hitAt } from './hit-test.ts';
import { HoverTracker } from './hover.ts';
import { holdsLongText, isLongText } from './long-text.ts';
import { MutationQueue, type ChangeBatch } from './mutation-queue.ts';
import { summarise, type PageId } from './page-ids.ts';
import type { ResolveFn } from './resolve-client.ts';
import { errorCount, noteError } from './safe.ts';
import { ScanStatus, type ScanStats } from './scan-status.ts';
import { Scanner } from './scanner.ts';
import { Scheduler } from './scheduler.ts';

export interface LensOptions {
  spec: DetectorSpec;
  settings: Settings;
  resolve: ResolveFn;
  /** The card UI, loaded on first use (see card-ui-types.ts); undefined when it cannot be loaded. */
  loadCards: () => Promise<CardUiFactory | undefined>;
  /** Opens a related SecID (the resolve page, through the service worker). */
  openRelated: (secid: string) => void;
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
    this.status = new ScanStatus((state, ids) => this.host.setScan(state, ids));
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
    this.scanner = new Scanner(doc, this.index, this.scheduler, detectorFor(options.spec, this.settings), (root) => this.mutations.observe(root));
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
        show: (hit) => void (this.card?.mode === 'dialog' ? undefined : this.openHit(hit, 'hover').catch(noteError)),
        hide: () => this.card?.mode === 'hover' && this.card.hide(false),
        delay: () => this.settings.hoverDelayMs,
        costly: (target) => holdsLongText(target),
        discover: (root) => {
          if (this.scanner.addShadowRoot(root, 'urgent')) void this.status.whenDone(2000).then(() => this.hover.recheck());
        },
      },
      this.host.signal,
    );
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
    return { ...this.status.stats, ids: this.index.size, busyMs: this.scheduler.busyMs, longestSliceMs: this.scheduler.longestSliceMs, errors: errorCount() };
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
    if (view && (rect.top < 0 || rect.bottom > view.innerHeight)) view.scrollBy({ top: rect.top - view.innerHeight / 2 });
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
    const query = wanted || this.scanner.detector.detect(sel?.toString() ?? '')[0]?.text;
    if (!query) return false;
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

  private async openHit(hit: Hit, mode: CardMode): Promise<boolean> {
    const [response, card] = await Promise.all([this.options.resolve(hit.text, hit.detection.contextEdition), this.cards()]);
    if (!response || !card || !this.index.has(hit)) return false;
    // A hover answer that comes back after a dialog opened does not replace the dialog.
    if (mode === 'hover' && card.mode === 'dialog') return false;
    card.show(hitAnchor(this.doc, hit), response, hit.text, mode, hit);
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
      onError: noteError,
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
    if (this.settings.theme !== 'auto') return this.settings.theme;
    return this.doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
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
    return { getBoundingClientRect: box, getClientRects: () => [box()] as unknown as DOMRectList, contextElement: parent };
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
