import type { VirtualElement } from '@floating-ui/dom';
import type { ResolveResponse } from '../core/resolve-types.ts';
import { renderCard, type Translate } from '../ui/card.ts';
import type { CardHost } from './card-host.ts';
import type { CardMode, CardUi } from './card-ui-types.ts';
import { follow } from './position.ts';
import { safe } from './safe.ts';

export type { CardMode };

export interface CardViewDeps {
  t: Translate;
  theme: () => 'light' | 'dark';
  copy: (text: string) => Promise<boolean>;
  onRelated: (secid: string) => void;
  onError: (error: unknown) => void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The one card on the page. A hover card is a tooltip; a card opened from the keyboard or the context menu is a
 * dialog that takes focus, keeps Tab inside and gives focus back on Escape.
 */
export class CardView implements CardUi {
  private stop: (() => void) | undefined;
  private card: HTMLElement | undefined;
  private returnFocus: HTMLElement | null = null;
  mode: CardMode | undefined;
  /** What the open card is about (a hit), so the hover logic can tell "same ID" from "another one". */
  key: unknown;

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
  }

  get open(): boolean {
    return this.card !== undefined;
  }

  show(anchor: VirtualElement, response: ResolveResponse, written: string, mode: CardMode, key: unknown): void {
    this.hide(false);
    const { t, copy, onRelated } = this.deps;
    const card = renderCard(this.doc, response, { written, t, copy, onRelated });
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
    if (mode === 'dialog') {
      const active = this.doc.activeElement;
      this.returnFocus = active instanceof HTMLElement && !this.host.owns(active) ? active : null;
      card.focus({ preventScroll: true });
    }
  }

  hide(restoreFocus = true): void {
    if (!this.card) return;
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
