import { expect, test } from './fixtures.ts';
import { contentScriptReady as contentScriptAnswers } from '../support/extension-pages.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';
import { CARD, hoverBox, pageIdTexts, tabOf, watchPage } from '../support/hostile.ts';

test('page scripts that redefined the DOM before we ran change nothing for us: scan, underline, cards and updates work', async ({
  page,
  site,
  serviceWorker,
}) => {
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
  await expect
    .poll(async () => (await pageIdTexts(serviceWorker, tab)).sort())
    .toEqual(
      ['CVE-2023-44487', 'CVE-2024-3094', 'LLM01:2025', 'ML01', 'ML09', 'secid:weakness/owasp/ml-top10#ML03'].sort(),
    );

  // Read back as plain strings and numbers: the page broke what Playwright would serialise objects with.
  const underlined = () =>
    page.evaluate(
      () =>
        (window as unknown as { __orig: { highlights: HighlightRegistry } }).__orig.highlights.get('secid-lens')
          ?.size ?? 0,
    );
  await expect.poll(underlined).toBeGreaterThan(0);
  // Not one call went through the page's replacements: the content script lives in its own world. (Playwright's
  // own helper in the page's world makes one call of its own; it is told apart by its stack.)
  const calls = async () => {
    const all = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls.join('\n\n'));
    return all
      .split('\n\n')
      .filter((c) => c !== '' && !/InjectedScript/.test(c))
      .map((c) => c.split(' ')[0]);
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

test("listeners that throw on every pointer, scroll, key and DOM change: their errors stay the page's, cards still work", async ({
  page,
  site,
}) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-handlers.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  const card = page.locator(CARD);
  await hoverBox(page, page.locator('#c-ml01'));
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await page.mouse.wheel(0, 1800);
  await hoverBox(page, page.locator('#c-cwe'));
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-79');
  // The page's handlers did run and throw (pointer, scroll, keys, and its MutationObserver on our host).
  expect(await page.evaluate(() => (window as unknown as { __thrown: number }).__thrown)).toBeGreaterThan(20);
  expect(watch.theirs.length).toBeGreaterThan(20);
  for (const line of watch.theirs) expect(line).toMatch(/page handler failed on /);
  expect(watch.theirs.some((l) => l.includes('on mutation'))).toBe(true);
  expect(watch.ours).toEqual([]);
});

test('a page that swallows pointer moves gets no hover card (fails closed); the keyboard command still opens one', async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-handlers.html?mode=swallow`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  const tab = await tabOf(serviceWorker, page);
  expect(await pageIdTexts(serviceWorker, tab)).toContain('ML01');
  await recordCards(page);
  await hoverBox(page, page.locator('#c-ml01'));
  await pastHoverDwell(page);
  await expect(page.locator(CARD)).toHaveCount(0);
  await page.locator('#c-ml01').selectText();
  expect(await serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'show-card' }), tab)).toEqual({
    shown: true,
  });
  await expect(page.locator(CARD)).toHaveAttribute('role', 'dialog');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  // The dialog, asked for after the hover, is the only card shown: the hover opened none.
  expect(await recordedCards(page)).toEqual(['dialog secid:weakness/owasp/ml-top10#ML01']);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});

test('a page that removes our element once: the next card puts it back', async ({ page, site, serviceWorker }) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-remove-host.html?mode=once`);
  const tab = await tabOf(serviceWorker, page);
  await expect.poll(() => pageIdTexts(serviceWorker, tab).catch(() => [])).toEqual(['ML01', 'CVE-2024-3094', 'CWE-79']);
  expect(
    await page.evaluate(() => ({
      removed: (window as unknown as { __removed: number }).__removed,
      hosts: document.querySelectorAll('secid-lens-root').length,
    })),
  ).toEqual({ removed: 1, hosts: 0 });
  await hoverBox(page, page.locator('#c-ml01'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await expect(page.locator(CARD)).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll('secid-lens-root').length)).toBe(1);
  expect(watch.ours).toEqual([]);
});

test('a page that removes our element every time: no card can show, nothing fights back, nothing is logged', async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-remove-host.html?mode=always`);
  const tab = await tabOf(serviceWorker, page);
  await expect.poll(() => pageIdTexts(serviceWorker, tab).catch(() => [])).toEqual(['ML01', 'CVE-2024-3094', 'CWE-79']);
  for (const id of ['#c-ml01', '#s-cve', '#c-cwe']) {
    await hoverBox(page, page.locator(id));
    await page.waitForTimeout(700);
  }
  const counts = await page.evaluate(() => ({
    inserted: (window as unknown as { __inserted: number }).__inserted,
    hosts: document.querySelectorAll('secid-lens-root').length,
  }));
  expect(counts.hosts).toBe(0);
  // At most one try per card asked for (three hovers) plus the first insertion: no loop of re-insertions.
  expect(counts.inserted).toBeGreaterThanOrEqual(1);
  expect(counts.inserted).toBeLessThanOrEqual(4);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __inserted: number }).__inserted)).toBe(counts.inserted);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});

async function rewritten(page: import('@playwright/test').Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await page.evaluate(() => (window as unknown as { __rewrite: () => void }).__rewrite());
  await expect(page.locator('#new')).toBeAttached();
}

test('a page that rewrites itself with document.open(): hover fails closed (our listeners are erased with its own); the keyboard command still works', async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await rewritten(page, `${site.url}/hostile-rewrite.html`);
  await recordCards(page);
  await hoverBox(page, page.locator('#c-ml03'));
  await pastHoverDwell(page);
  await expect(page.locator(CARD)).toHaveCount(0);
  const tab = await tabOf(serviceWorker, page);
  await page.locator('#c-ml03').selectText();
  expect(await serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'show-card' }), tab)).toEqual({
    shown: true,
  });
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(page.locator(CARD)).toBeVisible();
  // The dialog, asked for after the hover, is the only card shown: the hover opened none.
  expect(await recordedCards(page)).toEqual(['dialog secid:weakness/owasp/ml-top10#ML03']);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});

// document.open() gives the page a new root element and erases its listeners (ours too): the first stage notices the
// new root at the next request (here the popup's "On this page") and starts over on the new document.
test('after document.open() the new document is scanned: its IDs are listed and hovered, the old ones are gone', async ({
  page,
  site,
  serviceWorker,
}) => {
  await rewritten(page, `${site.url}/hostile-rewrite.html`);
  const tab = await tabOf(serviceWorker, page);
  await expect.poll(() => pageIdTexts(serviceWorker, tab)).toEqual(['ML03']);
  await hoverBox(page, page.locator('#c-ml03'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
});

test('a page that defines <secid-lens-root> itself: its callbacks see only our status; one that takes the shadow root first gets nothing (fails closed)', async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  const seen = () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.join(' | '));
  // The page's class runs for our element (it was defined first), and learns nothing but what the page shows anyway.
  await page.goto(`${site.url}/hostile-custom-element.html?mode=spy`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await hoverBox(page, page.locator('#c-ml01'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  expect(await seen()).toMatch(
    /^constructed \| connected shadow=open \| (data-(scan|ids)=\w+ \| )*data-scan=done \| data-ids=2/,
  );

  // It attaches a closed shadow root in its constructor: ours cannot be attached, so the extension stays off here.
  await page.goto(`${site.url}/hostile-custom-element.html?mode=closed`);
  const tab = await tabOf(serviceWorker, page);
  await contentScriptAnswers(serviceWorker, tab);
  expect(await pageIdTexts(serviceWorker, tab)).toEqual([]);
  await hoverBox(page, page.locator('#c-ml01'));
  await pastHoverDwell(page);
  await expect(page.locator(CARD)).toHaveCount(0);
  expect(await seen()).toBe('constructed');
  expect(await page.evaluate(() => document.querySelectorAll('secid-lens-root').length)).toBe(0);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});
