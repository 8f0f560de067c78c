// What every Firefox test gets: the browser with the add-on installed, its moz-extension origin, the fixture
// server, and helpers that act as a person would (type, hover, right-click) or look at the browser's own state.
import type { StaticServer } from '../support/static-server.ts';
import type { Firefox } from './firefox.ts';

/** The content-script contract from the hover-card work: one host element with an open shadow root. */
export const HOST_TAG = 'secid-lens-root';

export class TestContext {
  private missingContent: string | undefined;

  constructor(
    readonly ff: Firefox,
    readonly addonId: string,
    readonly uuid: string,
    readonly site: StaticServer,
    /** A tab showing one of our extension pages: the place to call extension APIs (tabs, storage, messaging). */
    readonly control: string,
  ) {}

  extensionUrl(path: string): string {
    return `moz-extension://${this.uuid}/${path}`;
  }

  /** Evaluates in the control tab, where `browser.*` is the extension's own API. */
  ext<T = unknown>(expression: string): Promise<T> {
    return this.ff.evaluate<T>(this.control, expression);
  }

  /** A new tab at `url`, closed by `use`'s end whatever happens. */
  async withTab<T>(url: string, use: (context: string) => Promise<T>): Promise<T> {
    const context = await this.ff.newTab();
    try {
      await this.ff.navigate(context, url);
      return await use(context);
    } finally {
      await this.ff.closeTab(context);
    }
  }

  /** The tabs.Tab id of the (only) tab whose URL is `url`, as the extension sees it. */
  async tabId(url: string): Promise<number> {
    const id = await this.ext<number | null>(
      `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id ?? null)`,
    );
    if (typeof id !== 'number') throw new Error(`the extension sees no tab at ${url} (is host access to it granted?)`);
    return id;
  }

  /** Polls the browser's top-level tabs until one's URL starts with `prefix`; returns its BiDi context. */
  async waitForTabUrl(prefix: string, timeoutMs = 5_000): Promise<{ context: string; url: string }> {
    const deadline = Date.now() + timeoutMs;
    let urls: string[] = [];
    for (;;) {
      const tree = await this.ff.bidi.send<{ contexts: { context: string; url: string }[] }>(
        'browsingContext.getTree',
        { maxDepth: 0 },
      );
      const hit = tree.contexts.find((c) => c.url.startsWith(prefix));
      if (hit) return hit;
      urls = tree.contexts.map((c) => c.url);
      if (Date.now() > deadline)
        throw new Error(`no tab opened at ${prefix}... in ${timeoutMs} ms (tabs: ${urls.join(', ')})`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Types `text` key by key into whatever has focus in `context`. */
  async type(context: string, text: string): Promise<void> {
    const actions = [...text].flatMap((value) => [
      { type: 'keyDown', value },
      { type: 'keyUp', value },
    ]);
    await this.ff.bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.ff.bidi.send('input.releaseActions', { context });
  }

  /**
   * The viewport centre of the `nth` occurrence of `text` in the page's text (a Range over the text node, so the
   * pointer lands on the characters themselves, as a person's would).
   */
  async textPoint(context: string, text: string, nth = 0): Promise<{ x: number; y: number }> {
    const point = await this.ff.call<{ x: number; y: number } | null>(
      context,
      `(text, nth) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          let at = node.nodeValue.indexOf(text);
          while (at >= 0) {
            if (seen++ === nth) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + text.length);
              const r = range.getClientRects()[0];
              return r ? { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) } : null;
            }
            at = node.nodeValue.indexOf(text, at + 1);
          }
        }
        return null;
      }`,
      text,
      nth,
    );
    if (!point) throw new Error(`"${text}" (#${nth}) is not visible in the page`);
    return point;
  }

  /** Moves the mouse onto `text` in the page (a real pointer move: mouseover, mousemove). */
  async hoverText(context: string, text: string, nth = 0): Promise<void> {
    const { x, y } = await this.textPoint(context, text, nth);
    await this.pointer(context, [
      { type: 'pointerMove', x: 1, y: 1, duration: 0 },
      { type: 'pointerMove', x, y, duration: 50 },
    ]);
  }

  /** Selects `text` in the page and right-clicks it, opening the page's context menu. */
  async rightClickSelection(context: string, text: string): Promise<void> {
    const { x, y } = await this.textPoint(context, text);
    const selected = await this.ff.call<string>(
      context,
      `(text) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.nodeValue.indexOf(text);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          return getSelection().toString();
        }
        return '';
      }`,
      text,
    );
    if (selected !== text) throw new Error(`could not select "${text}" (got "${selected}")`);
    await this.pointer(context, [
      { type: 'pointerMove', x, y },
      { type: 'pointerDown', button: 2 },
      { type: 'pointerUp', button: 2 },
    ]);
  }

  async pointer(context: string, actions: Record<string, unknown>[]): Promise<void> {
    await this.ff.bidi.send('input.performActions', {
      context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  }

  /**
   * Waits for the content script's host element to finish its scan of this page. When the host never appears, the
   * reason is remembered, so later hover-card tests fail at once with it instead of each waiting for a timeout.
   */
  async requireContentContract(context: string): Promise<void> {
    if (this.missingContent) throw new Error(this.missingContent);
    const tag = JSON.stringify(HOST_TAG);
    try {
      await this.ff.waitFor(
        context,
        `document.querySelectorAll(${tag}).length === 1 && document.querySelector(${tag}).dataset.scan === 'done'`,
        { timeoutMs: 8_000 },
      );
    } catch {
      const hosts = await this.ff.evaluate<string>(
        context,
        `JSON.stringify([...document.querySelectorAll(${tag})].map((h) => ({ scan: h.dataset.scan ?? null, ids: h.dataset.ids ?? null, shadow: !!h.shadowRoot })))`,
      );
      if (hosts === '[]') {
        this.missingContent = `missing: the content script adds no <${HOST_TAG}> element (the hover-card content script has not landed in this build)`;
        throw new Error(this.missingContent);
      }
      throw new Error(`expected one <${HOST_TAG}> with data-scan="done", found ${hosts}`);
    }
  }

  /** Evaluates in the browser window itself (privileged: Firefox's own modules and menus). */
  async inChrome<T = unknown>(expression: string): Promise<T> {
    return this.ff.evaluate<T>(await this.ff.chromeWindow(), expression);
  }
}
