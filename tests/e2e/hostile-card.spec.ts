import { expect, test } from './fixtures.ts';
import { extensionPage, stubExternalSites } from '../support/extension-pages.ts';
import { CARD, hoverBox, openScanned, watchPage } from '../support/hostile.ts';

// A page can reach into our open shadow root. What it can do there, and what it cannot (SECURITY.md, "Pages that
// edit the card" and "Reading our highlights"): each claim below is one expectation.

type PageFns = Record<string, (...args: unknown[]) => unknown>;
const call = (name: string, ...args: unknown[]) => (window as unknown as PageFns)[name]!(...args);
const SOURCE = 'https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html';

test('a card link opens the URL we resolved, from our own state: no href to rewrite, no synthetic click or Enter opens it', async ({
  page,
  site,
  context,
}) => {
  const watch = watchPage(page);
  await stubExternalSites(context);
  await openScanned(page, `${site.url}/hostile-card.html`);
  await hoverBox(page, page.locator('#c-ml01'));
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  const open = card.locator('.secid-card__open');
  await expect(open).toHaveAttribute('title', SOURCE);
  // Nothing in the DOM says where a link goes, so nothing there can be rewritten or followed.
  expect(await card.locator('a').evaluateAll((links) => links.filter((a) => a.hasAttribute('href')).length)).toBe(0);

  const tabsBefore = context.pages().length;
  expect(await page.evaluate(call, '__syntheticClicks')).toBeGreaterThan(1);
  await expect(card).toBeVisible();
  // The user's click opens exactly the resolved URL, and it is the only tab the card opened.
  const opened = context.waitForEvent('page');
  await open.click();
  const tab = await opened;
  await tab.waitForURL(SOURCE);
  expect(context.pages().length).toBe(tabsBefore + 1);
  await tab.close();
  expect(watch.ours).toEqual([]);
});

test('the user opens a card link with the keyboard (Enter), through the extension', async ({
  page,
  site,
  context,
  serviceWorker,
}) => {
  await stubExternalSites(context);
  await openScanned(page, `${site.url}/hostile-card.html`);
  const tabId = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  await page.evaluate(() => {
    const text = document.querySelector('#c-ml01')!.firstChild!;
    getSelection()!.setBaseAndExtent(text, 0, text, 4);
  });
  expect(await serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id!, { type: 'show-card' }), tabId)).toEqual({
    shown: true,
  });
  const open = page.locator(CARD).locator('.secid-card__open');
  await open.focus();
  const opened = context.waitForEvent('page');
  await page.keyboard.press('Enter');
  await (await opened).waitForURL(SOURCE);
});

test('a card the page edits is closed: a redirected link, changed text, an added node; the next card is ours again', async ({
  page,
  site,
}) => {
  const watch = watchPage(page);
  await openScanned(page, `${site.url}/hostile-card.html`);
  const card = page.locator(CARD);
  for (const edit of ['__redirectLink', '__editText', '__insertNode']) {
    await hoverBox(page, page.locator('#c-ml01'));
    await expect(card, edit).toBeVisible();
    expect(
      await page.evaluate(([name, url]) => (window as unknown as PageFns)[name!]!(url), [
        edit,
        'https://evil.example/',
      ] as const),
      edit,
    ).toBe(true);
    await expect(card, edit).toHaveCount(0);
  }
  await hoverBox(page, page.locator('#c-ml01'));
  await expect(card.locator('.secid-card__open')).toHaveAttribute('title', SOURCE);
  await expect(card.locator('.secid-card__description')).not.toHaveText('Harmless, nothing to patch.');
  expect(watch.ours).toEqual([]);
});

test('the copy button changing its own label does not count as a page edit', async ({ page, site, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  await openScanned(page, `${site.url}/hostile-card.html`);
  await hoverBox(page, page.locator('#c-ml01'));
  const card = page.locator(CARD);
  const copy = card.locator('.secid-card__copy');
  const label = await copy.textContent();
  await copy.click();
  await expect(copy).not.toHaveText(label!);
  await expect(card).toBeVisible();
});

test('the service worker opens only a URL the query resolves to', async ({ context, extensionId }) => {
  await stubExternalSites(context);
  const ext = await context.newPage();
  await ext.goto(extensionPage(extensionId, 'secid-page/secid-page.html'));
  const send = (m: unknown) => ext.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
  expect(await send({ type: 'open-url', query: 'ML01', url: 'https://evil.example/' })).toEqual({ ok: false });
  expect(await send({ type: 'open-url', query: 'ML01', url: 'javascript:alert(1)' })).toEqual({ ok: false });
  expect(await send({ type: 'open-url', query: 'CWE-79', url: SOURCE })).toEqual({ ok: false });
  const opened = context.waitForEvent('page');
  expect(await send({ type: 'open-url', query: 'ML01', url: SOURCE })).toEqual({ ok: true });
  await (await opened).waitForURL(SOURCE);
});

test('the page can read our highlight ranges through CSS.highlights and clear them; cards still open', async ({
  page,
  site,
}) => {
  await openScanned(page, `${site.url}/hostile-card.html`);
  // Underlines follow the scan in an animation frame.
  await expect.poll(() => page.evaluate(call, '__highlights')).toEqual([['secid-lens', ['ML01', 'CWE-79']]]);
  await page.evaluate(call, '__clearHighlights');
  expect(await page.evaluate(call, '__highlights')).toEqual([]);
  await hoverBox(page, page.locator('#s-cwe'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-79$/);
});
