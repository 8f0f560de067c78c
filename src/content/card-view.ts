import type { VirtualElement } from '@floating-ui/dom';
import { liveId, type LiveDetails } from '../core/live-details.ts';
import type { ResolveResponse } from '../core/resolve-types.ts';
import { renderCard, renderLive, type Translate } from '../ui/card.ts';
import type { CardHost } from './card-host.ts';
import type { CardMode, CardUi } from './card-ui-types.ts';
import { follow } from './position.ts';
import { safe } from './safe.ts';

export type { CardMode };

export interface CardViewDeps {
  t: Translate;
  theme: () => 'light' | 'dark';
  copy: (text: string) => Promise<boolean>;
  /** Opens a related SecID in a tab (a modifier-click); a plain click follows it inside the card. */
  onRelated: (secid: string) => void;
  /** Resolves a related SecID to follow it inside the card. */
  resolve: (query: string) => Promise<ResolveResponse | undefined>;
  /** Opens a URL of the card (through the extension, which checks it is one that `query` resolves to). */
  openUrl: (query: string, url: string) => void;
  onError: (error: unknown) => void;
  /** Opt-in live details of a CVE or GHSA ID; undefined when off or unavailable. Never delays the card. */
  live?: (id: string) => Promise<LiveDetails | undefined>;
}

/** One card's content, kept so Back can return to it after following a related item. */
interface CardPage {
  response: ResolveResponse;
  written: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The one card on the page. A hover card is a tooltip; a card opened from the keyboard or the context menu is a
 * dialog that takes focus, keeps Tab inside and gives focus back on Escape. `K` is what a card is about (the first
 * stage's hit), kept so hover can tell "same ID" from "another one".
 */
export class CardView<K> implements CardUi<K> {
  private stop: (() => void) | undefined;
  private card: HTMLElement | undefined;
  private returnFocus: HTMLElement | null = null;
  private page: CardPage | undefined;
  private position: string | undefined;
  private savedSelection: Range[] | undefined;
  private readonly history: CardPage[] = [];
  mode: CardMode | undefined;
  private liveRegion: HTMLElement | undefined;
  /** True while focus goes back to the page after a dialog, so that focus does not open a card of its own. */
  restoringFocus = false;
  /** A pinned card stays (hovering elsewhere and clicking the page leave it) until closed. */
  pinned = false;
  /** What the open card is about; undefined for a card about a selection or with no card open. */
  key: K | undefined;
  /** Watches the open card: the shadow root is open, so a page can edit it; an edited card is closed. */
  private readonly watch: MutationObserver;

  constructor(
    private readonly doc: Document,
    private readonly host: CardHost,
    private readonly deps: CardViewDeps,
  ) {
    const opts = { capture: true, signal: host.signal };
    doc.addEventListener(
      'keydown',
      safe((e: KeyboardEvent) => this.onKey(e)),
      opts,
    );
    doc.addEventListener(
      'pointerdown',
      safe((e: PointerEvent) => this.card && !this.pinned && !host.owns(e.target) && this.hide(false)),
      { ...opts, passive: true },
    );
    doc.addEventListener(
      'visibilitychange',
      safe(() => doc.hidden && !this.pinned && this.hide(false)),
      { signal: host.signal },
    );
    // The shadow root is open, so page scripts can reach the card's links and buttons: only the user's clicks count.
    host.frame.addEventListener(
      'click',
      (e) => {
        if (e.isTrusted) return;
        e.preventDefault();
        e.stopImmediatePropagation();
      },
      { capture: true, signal: host.signal },
    );
    this.watch = new MutationObserver(safe((records: MutationRecord[]) => this.onPageEdit(records)));
    host.signal.addEventListener('abort', () => this.watch.disconnect());
  }

  /** `position` ("3 of 9 on this page") is shown and read with the card's name when stepping through the page. */
  show(
    anchor: VirtualElement,
    response: ResolveResponse,
    written: string,
    mode: CardMode,
    key: K | undefined,
    position?: string,
  ): void {
    // Where the reader was: focus and the selection (the caret in plain text) come back when the dialog closes.
    const selection = mode === 'dialog' && !this.card ? this.saveSelection() : this.savedSelection;
    const earlierFocus = this.returnFocus;
    this.hide(false);
    this.savedSelection = selection;
    this.history.length = 0;
    this.mode = mode;
    this.key = key;
    this.position = position;
    const card = this.render({ response, written });
    this.host.place();
    this.host.setOpen(true);
    this.stop = follow(anchor, this.host.frame, () => this.hide(false), this.deps.onError);
    const id = response.results[0]?.id;
    const wanted = id !== undefined ? liveId(id) : undefined;
    if (wanted && this.deps.live) {
      void this.deps.live(wanted).then(
        (details) => {
          // Only onto the same card, still open: a late answer never lands on another ID's card.
          if (details && this.card === card)
            this.ownChange(() => card.append(renderLive(this.doc, details, this.deps.t)));
        },
        () => undefined,
      );
    }
    if (mode === 'dialog') {
      const active = this.doc.activeElement;
      // Stepping from card to card keeps the place focus was before the first one.
      this.returnFocus = active instanceof HTMLElement && !this.host.owns(active) ? active : earlierFocus;
      card.focus({ preventScroll: true });
    }
  }

  /** Draws a card page into the frame: the shared card with Back, Pin and Close above it. */
  private render(page: CardPage): HTMLElement {
    const { t, copy } = this.deps;
    const onRelated = (secid: string, event: MouseEvent) => {
      // Ctrl/Cmd/Shift-click (or the middle button) opens a tab; a plain click follows the item inside the card.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1) this.deps.onRelated(secid);
      else void this.followRelated(secid).catch(this.deps.onError);
    };
    const card = renderCard(this.doc, page.response, {
      written: page.written,
      t,
      copy,
      onRelated,
      // Links open the URL we resolved, through the extension: the card carries no href a page could rewrite.
      onOpen: (url) => this.deps.openUrl(page.response.query, url),
      ownChange: (change) => this.ownChange(change),
    });
    card.dataset.theme = this.deps.theme();
    const label = this.position && this.history.length === 0 ? `${page.written}, ${this.position}` : page.written;
    if (this.mode === 'dialog') {
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', label);
      card.tabIndex = -1;
    } else card.setAttribute('role', 'tooltip');
    if (this.position && this.history.length === 0) {
      const where = this.doc.createElement('p');
      where.className = 'secid-card__position';
      where.textContent = this.position;
      card.querySelector('.secid-card__head')?.after(where);
    }
    card.prepend(this.actions());
    this.watch.disconnect();
    this.host.frame.replaceChildren(card);
    this.card = card;
    this.page = page;
    // After our own insertion: any change from here on that is not ours is the page's.
    this.watch.observe(card, { subtree: true, childList: true, characterData: true, attributes: true });
    this.watch.observe(this.host.frame, { childList: true });
    this.watch.observe(this.host.shadow, { childList: true });
    return card;
  }

  private actions(): HTMLElement {
    const { t } = this.deps;
    const bar = this.doc.createElement('div');
    bar.className = 'secid-card__actions';
    const button = (cls: string, text: string, label: string, onClick: () => void) => {
      const b = this.doc.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', safe(onClick));
      bar.append(b);
      return b;
    };
    const previous = this.history[this.history.length - 1];
    if (previous)
      button('secid-card__back', `← ${previous.written}`, t('cardBack', [previous.written]), () => this.back());
    const pin = button('secid-card__pin', this.pinned ? t('cardPinned') : t('cardPin'), t('cardPinLabel'), () =>
      this.setPinned(!this.pinned),
    );
    pin.setAttribute('aria-pressed', String(this.pinned));
    button('secid-card__close', '×', t('cardClose'), () => this.hide(true));
    return bar;
  }

  /**
   * Tells screen readers about a card that opened without taking focus (a tooltip for a focused link): what the ID
   * is, through a polite live region in our shadow root.
   */
  announceCurrent(): void {
    const top = this.page?.response.results[0];
    if (!this.page || !top) return;
    if (!this.liveRegion) {
      const region = this.doc.createElement('div');
      region.className = 'live';
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      this.ownChange(() => this.host.shadow.append(region));
      this.liveRegion = region;
    }
    this.liveRegion.textContent = this.deps.t('cardAnnounce', [this.page.written, top.title ?? top.source_name ?? '']);
  }

  setPinned(pinned: boolean): void {
    this.pinned = pinned;
    const pin = this.card?.querySelector('.secid-card__pin');
    if (!pin) return;
    this.ownChange(() => {
      pin.textContent = pinned ? this.deps.t('cardPinned') : this.deps.t('cardPin');
      pin.setAttribute('aria-pressed', String(pinned));
    });
  }

  /** Shows a related item in this card, one Back step away from the current one; the card pins itself meanwhile. */
  async followRelated(secid: string): Promise<void> {
    const from = this.page;
    if (!from) return;
    const response = await this.deps.resolve(secid);
    if (!response || this.page !== from) return;
    this.history.push(from);
    this.pinned = true;
    const written = response.results[0]?.id ?? secid.replace(/^secid:/, '');
    this.render({ response, written });
    this.focusFirst();
  }

  back(): void {
    const previous = this.history.pop();
    if (!previous) return;
    this.render(previous);
    this.focusFirst();
  }

  /** After Back or a follow, keyboard users land on the card's first control, not on the page. */
  private focusFirst(): void {
    if (!this.host.owns(this.doc.activeElement) && this.mode !== 'dialog') return;
    this.card?.querySelector<HTMLElement>(FOCUSABLE)?.focus({ preventScroll: true });
  }

  hide(restoreFocus = true): void {
    if (!this.card) return;
    // Read before the card goes: removing it moves focus to <body>.
    const focusInCard = this.host.owns(this.doc.activeElement);
    this.watch.disconnect();
    this.stop?.();
    this.stop = undefined;
    this.host.setOpen(false);
    this.host.frame.replaceChildren();
    // Focus inside the card would fall to <body> when it goes: it returns to where it was, whoever closes the card.
    const restore = this.mode === 'dialog' && (restoreFocus || focusInCard);
    const back = restore ? this.returnFocus : null;
    const selection = restore ? this.savedSelection : undefined;
    this.savedSelection = undefined;
    this.position = undefined;
    this.card = undefined;
    this.page = undefined;
    this.history.length = 0;
    this.pinned = false;
    this.mode = undefined;
    this.key = undefined;
    this.returnFocus = null;
    // The selection first: setting it can move focus, so focus goes back last.
    if (selection) this.restoreSelection(selection);
    if (back?.isConnected) {
      this.restoringFocus = true;
      try {
        back.focus({ preventScroll: true });
      } finally {
        this.restoringFocus = false;
      }
    }
  }

  private saveSelection(): Range[] | undefined {
    const sel = this.doc.getSelection();
    if (!sel || sel.rangeCount === 0) return undefined;
    const ranges: Range[] = [];
    for (let i = 0; i < sel.rangeCount; i++) ranges.push(sel.getRangeAt(i).cloneRange());
    return ranges;
  }

  private restoreSelection(ranges: Range[]): void {
    const sel = this.doc.getSelection();
    if (!sel || ranges.some((r) => !r.startContainer.isConnected)) return;
    sel.removeAllRanges();
    for (const r of ranges) sel.addRange(r);
  }

  /** A change the card makes to itself (a button's label): page edits before it still count, it does not. */
  private ownChange(change: () => void): void {
    const before = this.watch.takeRecords();
    if (before.length) this.onPageEdit(before);
    if (!this.card) return;
    change();
    this.watch.takeRecords();
  }

  /**
   * The page changed our card (a link's text, an attribute, nodes added or removed): what it shows is no longer what
   * we resolved, so it goes. Links never opened from the DOM anyway; this keeps the text honest too.
   */
  private onPageEdit(records: MutationRecord[]): void {
    if (!this.card || records.length === 0) return;
    this.hide(false);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.card) return;
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      this.hide(true);
      return;
    }
    if (e.key !== 'Tab' || this.mode !== 'dialog' || !this.host.owns(e.target)) return;
    // Tab and Shift+Tab cycle through the card's links and buttons.
    const items = [...this.card.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const current = this.host.shadow.activeElement;
    const i = items.indexOf(current as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === -1 || i === items.length - 1 ? 0 : i + 1;
    e.preventDefault();
    e.stopPropagation();
    items[next]!.focus();
  }
}
