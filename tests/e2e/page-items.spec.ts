import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  contentScriptReady,
  extensionPage,
  resetExtension,
  storeSettings,
  tabIdOf,
} from '../support/extension-pages.ts';

// Issue 15, item 6: "On this page" lists one row per item with its spellings, copies them all, and the toolbar
// badge counts them.

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

async function popupFor(page: Page, extensionId: string, tab: number, url: string): Promise<Page> {
  const popup = await page.context().newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(extensionPage(extensionId, `popup/popup.html?tab=${tab}&url=${encodeURIComponent(url)}`));
  await expect(popup.locator('#page')).toHaveAttribute('data-state', 'listed');
  return popup;
}

const badge = (worker: Worker, tabId: number) =>
  worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

test('one row per item, with its spellings and count; the full text on hover', async ({
  page,
  site,
  serviceWorker,
  extensionId,
}) => {
  const url = `${site.url}/page-items.html`;
  await page.goto(url);
  const tab = await tabIdOf(serviceWorker, page);
  await contentScriptReady(serviceWorker, tab);
  const popup = await popupFor(page, extensionId, tab, url);
  const llm = popup.locator('.page-group[data-source="weakness/owasp/llm-top10"] .page-id');
  await expect(llm).toHaveCount(1);
  await expect(llm.locator('code')).toHaveText('LLM01');
  await expect(llm.locator('.count')).toHaveText('×6');
  await expect(llm.locator('.spellings')).toHaveText(
    'LLM01 ×4 · LLM01:2025 ×1 · secid:weakness/owasp/llm-top10@2.0#LLM01 ×1',
  );
  await expect(llm).toHaveAttribute(
    'title',
    /^secid:weakness\/owasp\/llm-top10@2\.0#LLM01\nPrompt Injection\nLLM01 ×4/,
  );
  await expect(popup.locator('.page-id')).toHaveCount(3);
});

test('copy all as SecIDs, Markdown and CSV', async ({ page, site, serviceWorker, extensionId }) => {
  const url = `${site.url}/page-items.html`;
  await page.goto(url);
  const tab = await tabIdOf(serviceWorker, page);
  await contentScriptReady(serviceWorker, tab);
  const popup = await popupFor(page, extensionId, tab, url);
  await popup.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { copies: string[] }).copies = copies;
    navigator.clipboard.writeText = async (text: string) => void copies.push(text);
  });
  for (const format of ['secids', 'markdown', 'csv']) await popup.locator(`[data-export="${format}"]`).click();
  await expect(popup.locator('.page-export__note')).toHaveText('Copied 3 items.');
  const [secids, markdown, csv] = await popup.evaluate(() => (window as unknown as { copies: string[] }).copies);
  expect(secids!.split('\n').sort()).toEqual([
    'secid:weakness/mitre/cwe#CWE-79',
    'secid:weakness/owasp/llm-top10@2.0#LLM01',
    'secid:weakness/owasp/ml-top10#ML03',
  ]);
  expect(markdown).toContain(
    '- [ML03 Model Inversion Attack](https://mltop10.info/ML03_2023-Model_Inversion_Attack.html)',
  );
  const lines = csv!.split('\r\n');
  expect(lines[0]).toBe('id,title,secid,url,count,spellings');
  expect(lines.find((l) => l.startsWith('LLM01,'))).toMatch(
    /^LLM01,Prompt Injection,secid:weakness\/owasp\/llm-top10@2\.0#LLM01,https:\/\/[^,]+,6,LLM01 x4; LLM01:2025 x1; secid:/,
  );
});

test('the toolbar badge counts the items on the page, and the setting turns it off', async ({
  page,
  site,
  serviceWorker,
}) => {
  await page.goto(`${site.url}/page-items.html`);
  const tab = await tabIdOf(serviceWorker, page);
  await contentScriptReady(serviceWorker, tab);
  await expect.poll(() => badge(serviceWorker, tab)).toBe('3');
  await storeSettings(serviceWorker, { badge: false });
  await expect.poll(() => badge(serviceWorker, tab)).toBe('');
  await storeSettings(serviceWorker, { badge: true });
  await expect.poll(() => badge(serviceWorker, tab)).toBe('3');
});
