import { safe } from './safe.ts';

/** Grace period to move the pointer from the ID onto its card before the card closes. */
export const LEAVE_GRACE_MS = 300;

/** What the page holds: the questions hover asks about the point under the pointer. */
export interface HoverPage<H> {
  /** The hit under the point, if any (`target` is the innermost element there). */
  hitAt(x: number, y: number, target: Element): H | undefined;
  /** True when the pointer is over our own UI. */
  overCard(target: EventTarget | null): boolean;
  /** An open shadow root under the pointer, perhaps not scanned yet. */
  discover(root: ShadowRoot): void;
  /** True when looking up a hit inside `target` is costly (a long text node): looked up once the pointer rests. */
  costly(target: Element): boolean;
}

/** The hover card, as hover drives it. */
export interface HoverCards<H> {
  /** The hit the open hover card is about, if a hover card is open. */
  shown(): H | undefined;
  /** Dwell started: a good moment to ask for the card's content. */
  prefetch(hit: H): void;
  show(hit: H): void;
  hide(): void;
  /** The dwell before a card opens (a setting). */
  delay(): number;
}

export interface HoverOptions<H> {
  doc: Document;
  page: HoverPage<H>;
  cards: HoverCards<H>;
  /** Aborted at teardown: every listener goes. */
  signal: AbortSignal;
}

/** How long the pointer must rest over costly text before its position is looked up. */
export const REST_MS = 60;

/**
 * Pointer tracking: at most one lookup per animation frame, a dwell before a card opens, and a grace period to
 * move onto the card. Pure bookkeeping; the DOM questions are answered by `page`, the card is `cards`.
 */
export class HoverTracker<H> {
  private x = 0;
  private y = 0;
  private target: Element | null = null;
  private frame: number | undefined;
  private pending: H | undefined;
  private dwell: ReturnType<typeof setTimeout> | undefined;
  private leave: ReturnType<typeof setTimeout> | undefined;
  private rest: ReturnType<typeof setTimeout> | undefined;
  private readonly page: HoverPage<H>;
  private readonly cards: HoverCards<H>;

  constructor({ doc, page, cards, signal }: HoverOptions<H>) {
    this.page = page;
    this.cards = cards;
    const view = doc.defaultView;
    doc.addEventListener(
      'pointermove',
      safe((e: PointerEvent) => {
        // Only the user's own pointer: synthetic moves would let the page open cards, then reach their buttons.
        if (!e.isTrusted || e.pointerType === 'touch') return;
        this.x = e.clientX;
        this.y = e.clientY;
        // The innermost element, also inside open shadow roots (the event target is retargeted to their host).
        const inner = e.composedPath()[0];
        this.target = inner instanceof Element ? inner : e.target instanceof Element ? e.target : null;
        const root = this.target?.getRootNode();
        if (root instanceof ShadowRoot && root.mode === 'open' && !page.overCard(root.host)) page.discover(root);
        this.lookSoon();
      }),
      { capture: true, passive: true, signal },
    );
    doc.documentElement.addEventListener(
      'pointerleave',
      safe(() => this.away()),
      { passive: true, signal },
    );
    view?.addEventListener(
      'blur',
      safe(() => this.away()),
      { signal },
    );
  }

  /**
   * A pointer position seen before tracking began (the first stage's, see pointer-seed.ts), unless a move came since:
   * looked at like a move, so a pointer already resting on an ID gets its card without moving again.
   */
  seed({ x, y, target }: { x: number; y: number; target: Element }): void {
    if (this.target || !target.isConnected) return;
    this.x = x;
    this.y = y;
    this.target = target;
    this.lookSoon();
  }

  /** Looks up what is under the pointer at the next frame, or once it rests over costly text. */
  private lookSoon(): void {
    if (this.target && this.page.costly(this.target)) {
      // Every move over a 10 MB <pre> would cost a caret lookup over all of it (40-100 ms): wait for a rest.
      clearTimeout(this.rest);
      this.rest = setTimeout(
        safe(() => this.check()),
        REST_MS,
      );
      return;
    }
    this.frame ??= requestAnimationFrame(safe(() => this.check()));
  }

  /** Look again at the last pointer position (new hits may lie under a pointer that has not moved). */
  recheck(): void {
    if (this.target) this.frame ??= requestAnimationFrame(safe(() => this.check()));
  }

  destroy(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.cancelDwell();
    clearTimeout(this.leave);
    clearTimeout(this.rest);
  }

  private check(): void {
    this.frame = undefined;
    const { page, cards } = this;
    if (page.overCard(this.target)) {
      this.cancelDwell();
      this.stay();
      return;
    }
    const hit = this.target ? page.hitAt(this.x, this.y, this.target) : undefined;
    if (hit === undefined) return this.away();
    if (hit === cards.shown()) {
      this.cancelDwell();
      this.stay();
      return;
    }
    if (hit === this.pending) return;
    this.cancelDwell();
    this.pending = hit;
    cards.prefetch(hit);
    this.dwell = setTimeout(
      safe(() => {
        this.dwell = undefined;
        if (this.pending !== hit) return;
        this.pending = undefined;
        this.stay();
        cards.show(hit);
      }),
      cards.delay(),
    );
  }

  /** The pointer is on nothing of ours: no card will open, and an open one closes after the grace period. */
  private away(): void {
    this.cancelDwell();
    if (this.cards.shown() !== undefined && this.leave === undefined) {
      this.leave = setTimeout(
        safe(() => {
          this.leave = undefined;
          this.cards.hide();
        }),
        LEAVE_GRACE_MS,
      );
    }
  }

  private stay(): void {
    clearTimeout(this.leave);
    this.leave = undefined;
  }

  private cancelDwell(): void {
    clearTimeout(this.dwell);
    this.dwell = undefined;
    this.pending = undefined;
  }
}
