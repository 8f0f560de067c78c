import type { VirtualElement } from '@floating-ui/dom';
import type { ResolveResponse } from '../core/resolve-types.ts';
import { renderCard, type Translate } from '../ui/card.ts';
import type { CardHost } from './card-host.ts';
import { follow } from './position.ts';
import { safe } from './safe.ts';

export type CardMode = 'hover' | 'dialog';

export interface CardViewDeps {
  t: Translate;
  theme: () => 'light' | 'dark';
  copy: (text: string) => Promise<boolean>;
  onRelated: (secid: string) => void;
  /** Opens a URL of the card (through the extension, which checks it is one that `query` resolves to). */
  openUrl: (query: string, url: string) => void;
  onError: (error: unknown) => void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The one card on the page. A hover card is a tooltip; a card opened from the keyboard or the context menu is a
 * dialog that takes focus, keeps Tab inside and gives focus back on Escape.
 */
export class CardView {
  private stop: (() => void) | undefined;
  private card: HTMLElement | undefined;
  private returnFocus: HTMLElement | null = null;
  mode: CardMode | undefined;
  /** What the open card is about (a hit), so the hover logic can tell "same ID" from "another one". */
  key: unknown;
  /** Watches the open card: the shadow root is open, so a page can edit it; an edited card is closed. */
  private readonly watch: MutationObserver;

  constructor(
    private readonly doc: Document,
    private readonly host: CardHost,
    private readonly deps: CardViewDeps,
  ) {
    const opts = { capture: true, signal: host.signal };
    doc.addEventListener('keydown', safe((e: KeyboardEvent) => this.onKey(e)), opts);
    doc.addEventListener('pointerdown', safe((e: PointerEvent) => this.card && !host.owns(e.target) && this.hide(false)), { ...opts, passive: true });
    doc.addEventListener('visibilitychange', safe(() => doc.hidden && this.hide(false)), { signal: host.signal });
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

  get open(): boolean {
    return this.card !== undefined;
  }

  show(anchor: VirtualElement, response: ResolveResponse, written: string, mode: CardMode, key: unknown): void {
    this.hide(false);
    const { t, copy, onRelated, openUrl } = this.deps;
    const card = renderCard(this.doc, response, {
      written,
      t,
      copy,
      onRelated,
      onOpen: (url) => openUrl(response.query, url),
      ownChange: (change) => this.ownChange(change),
    });
    card.dataset.theme = this.deps.theme();
    if (mode === 'dialog') {
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', written);
      card.tabIndex = -1;
    } else card.setAttribute('role', 'tooltip');
    this.host.place();
    const frame = this.host.frame;
    frame.replaceChildren(card);
    this.host.setOpen(true);
    this.card = card;
    this.mode = mode;
    this.key = key;
    this.stop = follow(anchor, frame, () => this.hide(false), this.deps.onError);
    // After our own insertion: any change from here on that is not ours is the page's.
    this.watch.observe(card, { subtree: true, childList: true, characterData: true, attributes: true });
    this.watch.observe(frame, { childList: true });
    this.watch.observe(this.host.shadow, { childList: true });
    if (mode === 'dialog') {
      const active = this.doc.activeElement;
      this.returnFocus = active instanceof HTMLElement && !this.host.owns(active) ? active : null;
      card.focus({ preventScroll: true });
    }
  }

  hide(restoreFocus = true): void {
    if (!this.card) return;
    this.watch.disconnect();
    this.stop?.();
    this.stop = undefined;
    this.host.setOpen(false);
    this.host.frame.replaceChildren();
    const back = this.mode === 'dialog' && restoreFocus ? this.returnFocus : null;
    this.card = undefined;
    this.mode = undefined;
    this.key = undefined;
    this.returnFocus = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
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
