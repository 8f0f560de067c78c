import { expect, test } from './fixtures.ts';
import { CARD, hoverBox, pageIdTexts, tabOf, watchPage } from '../support/hostile.ts';

test('page scripts that redefined the DOM before we ran change nothing for us: scan, underline, cards and updates work', async ({ page, site, serviceWorker }) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-dom-apis.html`);
  // Playwright's selectors run in their own world, so they are not fooled either.
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  const card = page.locator(CARD);
  for (const [selector, secid] of [
    ['#c-ml01', 'secid:weakness/owasp/ml-top10#ML01'],
    ['#s-llm', 'secid:weakness/owasp/llm-top10@2.0#LLM01'],
    ['#c-secid', 'secid:weakness/owasp/ml-top10#ML03'],
  ] as const) {
    await hoverBox(page, page.locator(selector));
    await expect(card, selector).toHaveAttribute('data-secid', secid);
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
  }
  // Text the page adds later is found too (our MutationObserver is not the page's).
  await expect(page.locator('#late')).toBeAttached();
  const tab = await tabOf(serviceWorker, page);
  await expect.poll(async () => (await pageIdTexts(serviceWorker, tab)).sort()).toEqual(['CVE-2023-44487', 'CVE-2024-3094', 'LLM01:2025', 'ML01', 'ML09', 'secid:weakness/owasp/ml-top10#ML03'].sort());

  // Read back as plain strings and numbers: the page broke what Playwright would serialise objects with.
  const underlined = await page.evaluate(() => (window as unknown as { __orig: { highlights: HighlightRegistry } }).__orig.highlights.get('secid-lens')?.size ?? 0);
  expect(underlined).toBeGreaterThan(0);
  // Not one call went through the page's replacements: the content script lives in its own world. (Playwright's
  // own helper in the page's world makes one call of its own; it is told apart by its stack.)
  const calls = async () => {
    const all = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls.join('\n\n'));
    return all.split('\n\n').filter((c) => c !== '' && !/InjectedScript/.test(c)).map((c) => c.split(' ')[0]);
  };
  expect(await calls()).toEqual([]);
  // ...and the replacements are live in the page's world (the test would notice a page that failed to set them up).
  const probe = await page.evaluate(() => {
    try {
      document.querySelector('p');
      return 'no error';
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(probe).toBe('page sabotage: Document.prototype.querySelector');
  expect(await calls()).toEqual(['Document.prototype.querySelector']);
  expect(watch.ours).toEqual([]);
  expect(watch.dialogs).toEqual([]);
});
