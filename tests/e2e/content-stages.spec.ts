import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';

const CARD = 'secid-lens-root .secid-card';

/** The card UI's styles are in our shadow root only once the second stage has loaded (see card-ui-types.ts). */
const cardStylesLoaded = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('secid-lens-root')?.shadowRoot;
    if (!root) return null;
    const css = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((s) => s.sheet!)]
      .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
      .join('\n');
    return css.includes('.secid-card');
  });

test('the card UI is loaded only when a card is about to show, and no file of ours is reachable from the page', async ({
  page,
  site,
  extensionId,
}) => {
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // Scanned and underlined, but no card yet: the first stage alone.
  expect(await cardStylesLoaded(page)).toBe(false);
  await hover(page, 'ML01', '#link-ml01');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  expect(await cardStylesLoaded(page)).toBe(true);
  // Injected with scripting.executeScript, not loaded as a web-accessible resource: a page cannot fetch it (which
  // would tell it the extension is installed).
  const reachable = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return true;
    } catch {
      return false;
    }
  }, `chrome-extension://${extensionId}/src/content/card-ui.js`);
  expect(reachable).toBe(false);
  // Injected into our isolated world only: the page's world sees no trace of it.
  expect(await page.evaluate(() => Object.keys(window).filter((k) => /secid/i.test(k)))).toEqual([]);
});

test('a second card on the page reuses the loaded card UI (one injection per frame)', async ({
  page,
  site,
  serviceWorker,
}) => {
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // Count the service worker's injections from here on.
  await serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __injections: number; __orig?: typeof chrome.scripting.executeScript };
    g.__injections = 0;
    g.__orig ??= chrome.scripting.executeScript.bind(chrome.scripting);
    (chrome.scripting as { executeScript: unknown }).executeScript = (
      ...args: Parameters<typeof chrome.scripting.executeScript>
    ) => {
      g.__injections++;
      return g.__orig!(...args);
    };
  });
  await hover(page, 'ML01', '#link-ml01');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await page.keyboard.press('Escape');
  await hover(page, 'CWE-79');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', /cwe#CWE-79$/);
  expect(await serviceWorker.evaluate(() => (globalThis as unknown as { __injections: number }).__injections)).toBe(1);
});
