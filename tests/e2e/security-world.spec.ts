import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { contentScriptReady } from '../support/extension-pages.ts';
import { pastHoverDwell } from '../support/hover-checks.ts';
import { CARD, hoverBox, inventoryProblems, shadowInventory, tabOf, watchPage } from '../support/hostile.ts';

// What a page's own JavaScript can observe of the extension: compared between the same page on a site where the
// extension is off (localhost, excluded) and on one where it runs (127.0.0.1), after a card was shown.

interface WorldView {
  windowProps: string[];
  documentProps: string[];
  protoProps: Record<string, number>;
  htmlAttrs: string[];
  bodyAttrs: string[];
  customElement: boolean;
  runtimeId: unknown;
  messages: string[];
}

function recordMessages(): void {
  const messages: string[] = [];
  (window as unknown as { __messages: string[] }).__messages = messages;
  window.addEventListener(
    'message',
    (e) => messages.push(`${e.origin} ${typeof e.data} ${JSON.stringify(e.data)?.slice(0, 200)}`),
    true,
  );
}

async function worldView(page: Page): Promise<WorldView> {
  return page.evaluate(() => {
    const protos: Record<string, object> = {
      Element: Element.prototype,
      Node: Node.prototype,
      EventTarget: EventTarget.prototype,
      Document: Document.prototype,
      HTMLElement: HTMLElement.prototype,
      Range: Range.prototype,
      Object: Object.prototype,
      Array: Array.prototype,
    };
    return {
      windowProps: Object.getOwnPropertyNames(window).sort(),
      documentProps: Object.getOwnPropertyNames(document).sort(),
      protoProps: Object.fromEntries(Object.entries(protos).map(([k, p]) => [k, Object.getOwnPropertyNames(p).length])),
      htmlAttrs: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
      bodyAttrs: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      customElement: customElements.get('secid-lens-root') !== undefined,
      runtimeId: (window as unknown as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id,
      messages: [...(window as unknown as { __messages: string[] }).__messages],
    };
  });
}

// Two full page loads, a hover and a walk of our shadow root: on a loaded 2-core machine this took over a minute.
test.setTimeout(240_000);

test("the page's world sees no new globals, no prototype changes, no messages, and only our host and its own attributes", async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await page.addInitScript(recordMessages);
  const off = site.url.replace('127.0.0.1', 'localhost');
  await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { excludedSites: ['localhost'] } }));
  try {
    // Off: the same page, nothing of ours in it.
    await page.goto(`${off}/hostile-world.html`);
    // It answers once it has read the settings (and stayed off); then the pointer rests on an ID past the dwell.
    await contentScriptReady(serviceWorker, await tabOf(serviceWorker, page));
    await hoverBox(page, page.locator('#c-ml01'));
    await pastHoverDwell(page);
    expect(await page.evaluate(() => document.querySelectorAll('secid-lens-root').length)).toBe(0);
    const without = await worldView(page);

    // On: scanned, underlined, a card shown.
    await page.goto(`${site.url}/hostile-world.html`);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    await hoverBox(page, page.locator('#c-ml01'));
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('secid-lens')?.size ?? 0)).toBe(2);
    const withUs = await worldView(page);

    expect(withUs).toEqual(without);
    expect(withUs.messages).toEqual([]);
    expect(withUs.customElement).toBe(false);
    expect(withUs.runtimeId).toBeUndefined();

    // The host carries our two status attributes only; nothing in the shadow root comes from the page's attributes.
    expect(
      await page.evaluate(() => [...document.querySelector('secid-lens-root')!.attributes].map((a) => a.name).sort()),
    ).toEqual(['data-ids', 'data-scan']);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', /^\d+$/);
    const inventory = await shadowInventory(page);
    expect(inventory.length).toBeGreaterThan(10);
    expect(inventoryProblems(inventory)).toEqual([]);
    const values = inventory.flatMap((i) => i.attrs.map(([, v]) => v));
    for (const pageValue of ['page-class-x', 'page-title-x', 'page-label-x', 'x-page', 'outline', 'onerror']) {
      expect(
        values.filter((v) => v.includes(pageValue)),
        pageValue,
      ).toEqual([]);
    }

    // The message recorder works: a message the page posts itself is seen.
    await page.evaluate(() => window.postMessage({ probe: 1 }, '*'));
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __messages: string[] }).__messages))
      .toEqual([`${site.url} object {"probe":1}`]);
    expect(watch.ours).toEqual([]);
  } finally {
    await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));
  }
});
