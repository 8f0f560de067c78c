import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  contentScriptReady,
  extensionPage,
  resetExtension,
  storedSettings,
  storeSettings,
  tabIdOf,
} from '../support/extension-pages.ts';

/*
 * The popup describes the tab it was opened on. Opened here as an ordinary tab it would be its own active tab, so the
 * tests point it at the fixture's tab with popup.html?tab=<id>&url=<url> (what activeTab tells a real popup).
 */

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

async function fixtureTab(page: Page, url: string, worker: import('@playwright/test').Worker): Promise<number> {
  await page.goto(url);
  const id = await tabIdOf(worker, page);
  await contentScriptReady(worker, id);
  return id;
}

async function popupFor(page: Page, extensionId: string, tab: number, url: string): Promise<Page> {
  const popup = await page.context().newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(extensionPage(extensionId, `popup/popup.html?tab=${tab}&url=${encodeURIComponent(url)}`));
  return popup;
}

test('"On this page" lists the tab\'s IDs grouped by source, with counts', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  const url = `${site.url}/long-page.html`;
  const tab = await fixtureTab(page, url, serviceWorker);
  const popup = await popupFor(page, extensionId, tab, url);
  const section = popup.locator('#page');
  await expect(section).toHaveAttribute('data-state', 'listed');

  const ml = section.locator('.page-group[data-source="weakness/owasp/ml-top10"]');
  await expect(ml.locator('h3')).toHaveText(/^OWASP ML Top 10 3$/);
  await expect(ml.locator('.page-id code')).toHaveText(['ML01', 'ML03']);
  await expect(ml.locator('.page-id[data-text="ML03"] .count')).toHaveText('×2');
  await expect(ml.locator('.page-id[data-text="ML03"] .title')).toHaveText('Model Inversion Attack');
  await expect(ml.locator('.page-id[data-text="ML03"]')).toHaveAttribute(
    'aria-label',
    'ML03, 2 on this page: scroll to the first',
  );
  const cve = section.locator('.page-group[data-source="advisory/mitre/cve"]');
  await expect(cve.locator('h3')).toHaveText(/^CVE 2$/);
  // Biggest group first.
  await expect(section.locator('.page-group').first()).toHaveAttribute('data-source', 'weakness/owasp/ml-top10');

  // Every ID the content script reported is listed, no more.
  const reported = (await serviceWorker.evaluate(
    async (id) => chrome.tabs.sendMessage(id, { type: 'page-ids' }),
    tab,
  )) as { text: string; count: number }[];
  await expect(section.locator('.page-id')).toHaveCount(reported.length);
});

test('clicking an ID scrolls the page to its first occurrence', async ({ page, site, serviceWorker, extensionId }) => {
  const url = `${site.url}/long-page.html`;
  const tab = await fixtureTab(page, url, serviceWorker);
  // The scrolling itself is the content script's (the content branch); skip, saying so, until it answers scroll-to
  // (its answer says whether it scrolled, so no pause is needed to find out).
  const answer = (await serviceWorker.evaluate(
    async (id) => chrome.tabs.sendMessage(id, { type: 'scroll-to', text: 'ML03', index: 0 }).catch(() => undefined),
    tab,
  )) as { scrolled?: boolean } | undefined;
  const scrolls = answer?.scrolled === true;
  await page.evaluate(() => window.scrollTo(0, 0));
  test.skip(!scrolls, 'the content script in this build does not handle scroll-to yet');

  const popup = await popupFor(page, extensionId, tab, url);
  await popup.locator('.page-id[data-text="ML03"]').click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(3000);
  expect(
    await page.evaluate(() => {
      const far = document.querySelector('#far')!.getBoundingClientRect();
      return far.top < window.innerHeight && far.bottom > 0;
    }),
  ).toBe(true);
});

test('with no page to read, the popup says so and search still works', async ({
  page,
  site,
  serviceWorker,
  extensionId,
  context,
}) => {
  // The popup opened as a tab is its own active tab: no page.
  await page.goto(extensionPage(extensionId, 'popup/popup.html'));
  await expect(page.locator('#page')).toHaveAttribute('data-state', 'no-tab');
  await expect(page.locator('#page-status')).toContainText('No page is open here');
  await expect(page.locator('#site-row')).toBeHidden();
  await page.locator('#q').fill('ML03');
  await expect(page.locator('#results .secid-card')).toHaveAttribute(
    'data-secid',
    'secid:weakness/owasp/ml-top10#ML03',
  );

  // A browser page (chrome://, about:): extensions cannot read it.
  const blank = await context.newPage();
  const blankTab = await tabIdOf(serviceWorker, blank);
  let popup = await popupFor(page, extensionId, blankTab, 'chrome://newtab/');
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'browser-page');
  await expect(popup.locator('#page-status')).toContainText('browser page');
  await expect(popup.locator('#site-row')).toBeHidden();

  // A web page without our content script (opened before the extension was installed): no receiver.
  popup = await popupFor(page, extensionId, 987654, `${site.url}/demo.html`);
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'no-receiver');
  await expect(popup.locator('#page-status')).toContainText('Reload the page');

  // A page with no IDs.
  const empty = await context.newPage();
  const emptyTab = await fixtureTab(empty, `${site.url}/no-such-page`, serviceWorker);
  popup = await popupFor(page, extensionId, emptyTab, `${site.url}/no-such-page`);
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'none');
  await expect(popup.locator('#page-status')).toHaveText('No security IDs found on this page.');
});

test('finding IDs switched off in the options: the popup says so', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  await storeSettings(serviceWorker, { enabled: false });
  const url = `${site.url}/demo.html`;
  const tab = await fixtureTab(page, url, serviceWorker);
  const popup = await popupFor(page, extensionId, tab, url);
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'disabled');
});

test('the per-site switch turns the current site off and on, and persists', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  const url = `${site.url}/demo.html`;
  const tab = await fixtureTab(page, url, serviceWorker);
  let popup = await popupFor(page, extensionId, tab, url);
  const toggle = () => popup.locator('#site-switch');
  await expect(toggle()).toBeChecked();
  await expect(popup.locator('#site-label')).toHaveText('On for 127.0.0.1');
  await expect(popup.getByRole('switch', { name: 'On for 127.0.0.1' })).toBeVisible();

  await toggle().press('Space');
  await expect(toggle()).not.toBeChecked();
  await expect
    .poll(async () => ((await storedSettings(serviceWorker)) as { excludedSites?: string[] })?.excludedSites)
    .toEqual(['127.0.0.1']);
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'excluded');

  await popup.close();
  popup = await popupFor(page, extensionId, tab, url);
  await expect(toggle()).not.toBeChecked();
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'excluded');

  await toggle().click();
  await expect(toggle()).toBeChecked();
  await expect
    .poll(async () => ((await storedSettings(serviceWorker)) as { excludedSites?: string[] })?.excludedSites)
    .toEqual([]);
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'listed');
});

test('a site switched off by a parent-domain rule says which rule, and switching on removes it', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  await storeSettings(serviceWorker, { excludedSites: ['example.com', 'other.org'] });
  const tab = await fixtureTab(page, `${site.url}/demo.html`, serviceWorker);
  const popup = await popupFor(page, extensionId, tab, 'https://docs.example.com/guide');
  await expect(popup.locator('#site-switch')).not.toBeChecked();
  await expect(popup.locator('#site-label')).toHaveText('On for docs.example.com');
  await expect(popup.locator('#site-note')).toContainText('every site under example.com');
  await popup.locator('#site-switch').click();
  await expect
    .poll(async () => ((await storedSettings(serviceWorker)) as { excludedSites?: string[] })?.excludedSites)
    .toEqual(['other.org']);
  await expect(popup.locator('#site-note')).toBeHidden();
});

test('"On this page" says when a group holds more distinct IDs than it lists', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  // 2,000 distinct CVE IDs in a table: the popup lists 200 of them and says so.
  const url = `${site.url}/hostile-dense.html?shape=table&ids=2000`;
  const tab = await fixtureTab(page, url, serviceWorker);
  const popup = await popupFor(page, extensionId, tab, url);
  const section = popup.locator('#page');
  await expect(section).toHaveAttribute('data-state', 'listed', { timeout: 15_000 });
  const cve = section.locator('.page-group').filter({ has: popup.locator('.page-id[data-text="CVE-2000-10000"]') });
  await expect(cve.locator('.page-id')).toHaveCount(200);
  await expect(cve.locator('.page-more')).toHaveText('Showing 200 of 2000 distinct IDs in this group.');
  await popup.close();
});
