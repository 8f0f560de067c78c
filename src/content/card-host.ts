import { HOST_TAG } from './dom-walk.ts';
import { safe } from './safe.ts';

// Elements that cannot show children: in fullscreen the card then stays where it is (behind the video).
const REPLACED = new Set(['video', 'img', 'iframe', 'canvas', 'embed', 'object', 'audio']);

/**
 * The one node the extension adds to a page: `<secid-lens-root>` with an open shadow root holding the card.
 * Styles live in the shadow root; `all: initial` on the host keeps page styles out, the shadow root keeps ours in.
 */
export class CardHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** The positioned box the card goes into. */
  readonly frame: HTMLDivElement;
  private readonly abort = new AbortController();
  /** Undoes the stylesheet that keeps the host display:none (see reveal); undefined once revealed. */
  private unhide: (() => void) | undefined;

  /** The card's styles, given by the card UI when it loads (see card-ui.ts); until then the host stays hidden. */
  private css: string | undefined;

  constructor(private readonly doc: Document) {
    this.host = doc.createElement(HOST_TAG);
    this.shadow = this.host.attachShadow({ mode: 'open' });
    // Removed at reveal(), when the card's own styles come in (parsing them is most of the host's cost, and most
    // pages never show a card). A sheet, not an attribute: the host's attributes stay ours to publish.
    this.unhide = adoptStyles(doc, this.shadow, ':host { display: none !important; }');
    this.frame = doc.createElement('div');
    this.frame.className = 'frame';
    this.shadow.append(this.frame);
    this.place();
    doc.addEventListener(
      'fullscreenchange',
      safe(() => this.place()),
      { signal: this.abort.signal },
    );
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Scan progress for the page and benchmarks: data-scan="busy|done", data-ids="<registered detections>". */
  setScan(state: 'busy' | 'done', ids: number): void {
    this.host.setAttribute('data-scan', state);
    this.host.setAttribute('data-ids', String(ids));
  }

  /**
   * The host is display:none until the first card: adding a rendered, positioned box to a page costs a paint pass
   * over the whole page (about 50-100 ms on a 10 MB page), which scanning must not pay. After that the box stays
   * rendered and cards only toggle visibility, which costs next to nothing.
   */
  reveal(): void {
    if (!this.unhide || this.css === undefined) return;
    adoptStyles(this.doc, this.shadow, this.css);
    this.unhide();
    this.unhide = undefined;
  }

  useStyles(css: string): void {
    this.css ??= css;
  }

  setOpen(open: boolean): void {
    this.reveal();
    this.frame.toggleAttribute('data-open', open);
  }

  /** True for the host and anything in our shadow root (event targets are retargeted to the host). */
  owns(node: EventTarget | null): boolean {
    return node === this.host || (node instanceof Node && this.shadow.contains(node));
  }

  destroy(): void {
    this.abort.abort();
    this.host.remove();
  }

  /**
   * Under the fullscreen element while there is one (else the card would be hidden behind it), else under <html>.
   * Also called before each card: a page may have removed the host. Once per card, so a page that keeps removing
   * it gets no card rather than a tug of war.
   */
  place(): void {
    const fs = this.doc.fullscreenElement;
    const parent = fs && !REPLACED.has(fs.localName) ? fs : this.doc.documentElement;
    if (parent && this.host.parentNode !== parent) parent.append(this.host);
  }
}

/**
 * A constructed stylesheet (not subject to the page's style-src CSP), or a <style> where adopting is refused.
 * Returns how to take it out again.
 */
function adoptStyles(doc: Document, root: ShadowRoot, css: string): () => void {
  try {
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    const sheet = new (view?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    // Firefox content scripts may refuse a sheet from another compartment.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  return () => style.remove();
}
