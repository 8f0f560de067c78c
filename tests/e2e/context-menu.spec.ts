import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { contentScriptReady, extensionPage, resetExtension, tabIdOf } from '../support/extension-pages.ts';

/* The real onClicked listener, fired through the service worker as a click on "Look up “%s” with SecID Lens" would. */

const MENU_ID = 'secid-lens-lookup';

async function click(worker: Worker, selectionText: string, tabId?: number, menuItemId = MENU_ID): Promise<void> {
  await worker.evaluate(
    async ([text, id, menu]) => {
      const tab = id === undefined ? undefined : await chrome.tabs.get(id);
      const info = { menuItemId: menu, selectionText: text, editable: false, pageUrl: tab?.url ?? '' };
      (chrome.contextMenus.onClicked as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(info, tab);
    },
    [selectionText, tabId, menuItemId] as const,
  );
}

/**
 * The control for "a click opened no page": a click that does open one (a known ID, no tab), made after the clicks
 * under test. The listener handles clicks in order, so once the control's page is there, a page any earlier click
 * opened would be there too: the control's must be the only new one.
 */
async function onlyControlPageOpened(worker: Worker, context: BrowserContext, before: number): Promise<void> {
  const tab = await secidPageOpened(context, () => click(worker, 'CVE-2024-3094'));
  expect(tab.url()).toContain('secid-page.html?q=CVE-2024-3094');
  expect(context.pages().length).toBe(before + 1);
}

async function secidPageOpened(context: BrowserContext, action: () => Promise<void>): Promise<Page> {
  const opened = context.waitForEvent('page');
  await action();
  const tab = await opened;
  await tab.waitForLoadState();
  return tab;
}

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

test('the menu item exists for selections', async ({ serviceWorker }) => {
  // update() rejects for an unknown id.
  await serviceWorker.evaluate((id) => chrome.contextMenus.update(id, {}), MENU_ID);
});

test('a phrase opens the SecID page right after the tab it was selected in', async ({
  serviceWorker,
  context,
  page,
  site,
  extensionId,
}) => {
  await page.goto(`${site.url}/demo.html`);
  const tabId = await tabIdOf(serviceWorker, page);
  // Another tab after the source one, so "right after" differs from "at the end".
  const later = await context.newPage();
  await later.goto(`${site.url}/demo.html`);
  const tab = await secidPageOpened(context, () => click(serviceWorker, '  prompt   injection\nrisks ', tabId));
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=prompt%20injection%20risks'));
  // The SecID page asks for its own tab: no URL query, which needs the "tabs" permission on Chromium 150.
  const opened = await tab.evaluate(async () => (await chrome.tabs.getCurrent())?.index);
  const source = await serviceWorker.evaluate(async (id) => (await chrome.tabs.get(id)).index, tabId);
  expect(opened).toBe(source + 1);
});

test('one known ID shows the in-page card where the content script runs, else the SecID page', async ({
  serviceWorker,
  context,
  page,
  site,
  extensionId,
}) => {
  await page.goto(`${site.url}/demo.html`);
  const tabId = await tabIdOf(serviceWorker, page);
  await contentScriptReady(serviceWorker, tabId);
  // Whether this build's content script can show a card (the content branch adds it).
  const canShow = await serviceWorker.evaluate(
    async (id) =>
      (
        (await chrome.tabs.sendMessage(id, { type: 'show-card', text: 'ML03' }).catch(() => undefined)) as
          { shown?: boolean } | undefined
      )?.shown === true,
    tabId,
  );
  const before = context.pages().length;
  if (canShow) {
    await click(serviceWorker, 'ML03', tabId);
    await onlyControlPageOpened(serviceWorker, context, before);
  } else {
    const tab = await secidPageOpened(context, () => click(serviceWorker, 'ML03', tabId));
    expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=ML03'));
  }
});

test('a known ID with no content script (browser page) or no tab opens the SecID page', async ({
  serviceWorker,
  context,
  page,
  extensionId,
}) => {
  await page.goto('about:blank');
  const tabId = await tabIdOf(serviceWorker, page);
  let tab = await secidPageOpened(context, () => click(serviceWorker, 'CVE-2024-3094', tabId));
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=CVE-2024-3094'));
  await expect(tab.locator('#canonical')).toHaveText('secid:advisory/mitre/cve#CVE-2024-3094');
  tab = await secidPageOpened(context, () => click(serviceWorker, 'LLM01:2025'));
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=LLM01%3A2025'));
});

test('clicks on other menu items and empty selections do nothing', async ({ serviceWorker, context }) => {
  const before = context.pages().length;
  await click(serviceWorker, 'ML03', undefined, 'someone-else');
  await click(serviceWorker, '   ');
  await onlyControlPageOpened(serviceWorker, context, before);
});
