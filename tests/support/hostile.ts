import type { Locator, Page, Worker } from '@playwright/test';
import { sendToTab } from './extension-pages.ts';

/** The hover card inside our host (Playwright's selectors pierce open shadow roots, in their own JS world). */
export const CARD = 'secid-lens-root .secid-card';

/** What a hostile page made happen: dialogs (dismissed at once), and every error, split into ours and the page's. */
export interface PageWatch {
  dialogs: string[];
  /** Uncaught errors and console errors/warnings that name the extension (its URL or "SecID"). Must stay empty. */
  ours: string[];
  /** Everything else the page reported (its own handlers throwing, CSP refusals of its own inline code). */
  theirs: string[];
}

const OURS = /chrome-extension:|moz-extension:|secid/i;

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { dialogs: [], ours: [], theirs: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => {
    const line = `pageerror: ${e.message}\n${e.stack ?? ''}`;
    (OURS.test(line) ? watch.ours : watch.theirs).push(line);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    const line = `console.${m.type()}: ${m.text()} @ ${m.location().url}`;
    (OURS.test(line) ? watch.ours : watch.theirs).push(line);
  });
  return watch;
}

/** Opens a page and waits until the extension finished its first scan (the host says data-scan="done"). */
export async function openScanned(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('secid-lens-root').waitFor({ state: 'attached' });
  await page.locator('secid-lens-root[data-scan="done"]').waitFor({ state: 'attached' });
}

/** The id of the tab showing `page`. */
export async function tabOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  // Found by a title only this page has for a moment (the extension's host access shows titles of web pages): "the
  // active tab of the last focused window" can name another window's tab while the browser opens or closes one.
  const token = `secid-lens-tab-${Math.random().toString(36).slice(2)}`;
  const title = await page.evaluate((t) => [document.title, (document.title = t)][0]!, token).catch(() => undefined);
  let id =
    title === undefined
      ? undefined
      : await worker.evaluate(async (t) => {
          // The new title reaches the tabs API a moment later.
          for (let i = 0; i < 50; i++) {
            const found = (await chrome.tabs.query({})).find((tab) => tab.title === t)?.id;
            if (found !== undefined) return found;
            await new Promise((ok) => setTimeout(ok, 100));
          }
          return undefined;
        }, token);
  if (title !== undefined) await page.evaluate((t) => (document.title = t), title).catch(() => undefined);
  id ??= await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** The distinct IDs the content script found on the tab, as written. */
export async function pageIdTexts(worker: Worker, tab: number): Promise<string[]> {
  const ids = (await sendToTab(worker, tab, { type: 'page-ids' })) as { text: string }[];
  return ids.map((i) => i.text);
}

/** Moves the pointer onto the middle of an element (measured by Playwright, never by the page's own DOM methods). */
export async function hoverBox(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('target has no box');
  await page.mouse.move(2, 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
}

/**
 * Every element and attribute inside our shadow root, read through `.children` and `.attributes` only (pages that
 * redefine querySelector and friends cannot get in the way). Attribute values are kept for the checks below.
 */
export async function shadowInventory(page: Page): Promise<{ tag: string; attrs: [string, string][] }[]> {
  return page.evaluate(() => {
    const host = [...document.documentElement.children].find((e) => e.localName === 'secid-lens-root');
    const root = host?.shadowRoot;
    if (!root) return [];
    const out: { tag: string; attrs: [string, string][] }[] = [];
    const visit = (el: Element) => {
      out.push({ tag: el.localName, attrs: [...el.attributes].map((a) => [a.name, a.value] as [string, string]) });
      for (const child of el.children) visit(child);
    };
    for (const child of root.children) visit(child);
    return out;
  });
}

// What the card is built from (src/ui/card.ts, src/content/card-host.ts, the clipboard fallback's textarea).
const CARD_TAGS = new Set([
  'div',
  'article',
  'header',
  'span',
  'p',
  'code',
  'button',
  'a',
  'section',
  'h3',
  'ul',
  'li',
  'strong',
  'style',
  'textarea',
]);
const CARD_ATTRS = /^(class|role|type|title|href|target|rel|tabindex|hidden|style|aria-[a-z]+|data-[a-z-]+)$/;

/** Problems with what is in our shadow root: foreign elements, handler attributes, non-http(s) links, sources. */
export function inventoryProblems(items: { tag: string; attrs: [string, string][] }[]): string[] {
  const problems: string[] = [];
  for (const { tag, attrs } of items) {
    if (!CARD_TAGS.has(tag)) problems.push(`element <${tag}>`);
    for (const [name, value] of attrs) {
      if (!CARD_ATTRS.test(name)) problems.push(`<${tag} ${name}="${value}">`);
      if (name === 'href' && !/^https?:\/\//.test(value)) problems.push(`<${tag} href="${value}">`);
      if (name === 'style' && tag !== 'div' && tag !== 'textarea') problems.push(`<${tag} style="${value}">`);
      if (/[<>]/.test(value)) problems.push(`<${tag} ${name}="${value}"> (markup in a value)`);
    }
  }
  return problems;
}
