import type { VirtualElement } from '@floating-ui/dom';
import type { ResolveResponse } from '../core/resolve-types.ts';
import type { Settings } from '../core/settings.ts';
import type { Translate } from '../ui/card.ts';
import type { CardHost } from './card-host.ts';
import type { CardMode, CardUi, CardUiDeps, CardUiFactory } from './card-ui-types.ts';
import { liveRange, type Hit, type HitIndex } from './hit-index.ts';
import type { HoverCards } from './hover.ts';
import { isLongText } from './long-text.ts';
import { pageLooksDark } from './page-background.ts';
import type { Lookup } from './lookup-client.ts';
import { noteError } from './safe.ts';

/** What the card needs from the extension (the service worker, through content-script.ts). */
export interface CardServices {
  resolve: Lookup;
  /** The card UI, loaded on first use (see card-ui-types.ts); undefined when it cannot be loaded. */
  loadCards: () => Promise<CardUiFactory | undefined>;
  /** Opens a related SecID (the SecID page, through the service worker). */
  openRelated: (secid: string) => void;
  /** Opens a card's link: the service worker opens `url` if `query` resolves to it. */
  openUrl: (query: string, url: string) => void;
  /** UI strings (the step position, the shortcut's hint). */
  t: Translate;
  /** Opt-in live details (through the service worker). */
  live?: CardUiDeps['live'];
}

export interface CardsOptions {
  doc: Document;
  host: CardHost;
  /** Registered hits: a late answer for a hit that has gone shows nothing. */
  index: HitIndex;
  /** The current settings (hover delay and theme apply at the next card). */
  settings: () => Settings;
  services: CardServices;
}

/**
 * The one card of the page, for hits and selections: loads the card UI on first use, resolves, decides whether a
 * hover answer may replace what is open (a dialog or a pinned card stays), and picks the theme. Hover drives it
 * through HoverCards.
 */
export class Cards implements HoverCards<Hit> {
  private card: CardUi<Hit> | undefined;

  constructor(private readonly options: CardsOptions) {}

  /** The open card, if any. */
  get current(): CardUi<Hit> | undefined {
    return this.card;
  }

  shown(): Hit | undefined {
    return this.card?.mode === 'hover' ? this.card.key : undefined;
  }

  prefetch(hit: Hit): void {
    // The dwell pays for the card UI, the first card's box and its answer, so the card shows at once.
    void this.load().then(() => this.options.host.reveal());
    void this.options.services.resolve(hit.text, hit.detection.contextEdition);
  }

  show(hit: Hit): void {
    // A dialog (context menu, keyboard) stays until it is dismissed: the pointer resting on its ID must not swap it.
    // A pinned card stays too.
    if (this.card?.mode === 'dialog' || this.card?.pinned) return;
    this.open(hit, 'hover').catch(noteError);
  }

  hide(): void {
    if (this.card?.mode === 'hover' && !this.card.pinned) this.card.hide(false);
  }

  delay(): number {
    return this.options.settings().hoverDelayMs;
  }

  /** The card for a hit; false when it cannot show (no answer, the hit gone, or a hover losing to an open dialog). */
  async open(hit: Hit, mode: CardMode, position?: string): Promise<boolean> {
    const { doc, index, services } = this.options;
    const [response, card] = await Promise.all([services.resolve(hit.text, hit.detection.contextEdition), this.load()]);
    if (!response || !card || !index.has(hit)) return false;
    // A hover answer that comes back after a dialog opened (or while a card is pinned) does not replace it.
    if (mode === 'hover' && (card.mode === 'dialog' || card.pinned)) return false;
    card.show(hitAnchor(doc, hit), response, hit.text, mode, hit, position);
    return true;
  }

  /** A dialog for an answer about selected text (no hit), anchored to the selection. */
  async openFor(range: Range | undefined, response: ResolveResponse, written: string): Promise<boolean> {
    const card = await this.load();
    if (!card) return false;
    card.show(selectionAnchor(this.options.doc, range), response, written, 'dialog', undefined);
    return true;
  }

  /** The card UI, created on first use (most pages never show a card: see card-ui-types.ts). */
  async load(): Promise<CardUi<Hit> | undefined> {
    if (this.card) return this.card;
    const { doc, host, services } = this.options;
    const factory = await services.loadCards();
    if (!factory || host.signal.aborted) return undefined;
    this.card ??= factory<Hit>({
      doc,
      host,
      theme: () => this.theme(),
      onRelated: services.openRelated,
      resolve: (query) => services.resolve(query),
      openUrl: services.openUrl,
      onError: noteError,
      ...(services.live ? { live: services.live } : {}),
    });
    return this.card;
  }

  private theme(): 'light' | 'dark' {
    const { doc } = this.options;
    const { theme } = this.options.settings();
    if (theme === 'light' || theme === 'dark') return theme;
    const system = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    if (theme === 'auto') return system;
    // Match the page: the background behind the ID the card is for (or the page's), else the system scheme.
    const dark = pageLooksDark(doc, this.card?.key?.parent ?? doc.body);
    return dark === undefined ? system : dark ? 'dark' : 'light';
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
