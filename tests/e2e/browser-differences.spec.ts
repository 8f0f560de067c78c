// The Chromium half of the behaviours that differ between browsers; tests/firefox/specs/*.ts is the Firefox half.
import { expect, test } from './fixtures.ts';

test('settings in storage.sync reach the service worker', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/src/popup/popup.html`);
  const first = () =>
    page.evaluate(
      async () =>
        ((await chrome.runtime.sendMessage({ type: 'resolve', query: 'LLM01' })) as { results: { secid: string }[] })
          .results[0]?.secid,
    );
  try {
    expect(await first()).toBe('secid:weakness/owasp/llm-top10@2.0#LLM01');
    await page.evaluate(() =>
      chrome.storage.sync.set({ settings: { version: 1, editions: { 'weakness/owasp/llm-top10': '2023' } } }),
    );
    expect(await first()).toBe('secid:weakness/owasp/llm-top10@1.0#LLM01');
  } finally {
    await page.evaluate(() => chrome.storage.sync.remove('settings'));
  }
});

test('permissions granted at install are exactly the documented ones', async ({ serviceWorker }) => {
  const granted = await serviceWorker.evaluate(() => chrome.permissions.getAll());
  expect([...(granted.permissions ?? [])].sort()).toEqual(['activeTab', 'contextMenus', 'scripting', 'storage']);
  expect([...(granted.origins ?? [])].sort()).toEqual(['http://*/*', 'https://*/*']);
});

test('the context menu item exists and a click on a page without the content script opens the SecID page', async ({
  page,
  extensionContext,
  serviceWorker,
  extensionId,
}) => {
  // Headless Chromium shows no native menu: prove the item exists (update fails for an unknown id), then fire the click.
  await serviceWorker.evaluate(() => chrome.contextMenus.update('secid-lens-lookup', {}));
  await expect(serviceWorker.evaluate(() => chrome.contextMenus.update('no-such-item', {}))).rejects.toThrow();
  await page.goto('data:text/html,<p>See LLM01:2025 here</p>');
  await page.bringToFront();
  const opened = extensionContext.waitForEvent('page', (p) => p.url().includes('/src/secid-page/secid-page.html'));
  await serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const info = {
      menuItemId: 'secid-lens-lookup',
      selectionText: 'LLM01:2025',
      editable: false,
      pageUrl: 'data:text/html',
    };
    (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
  });
  const secidPage = await opened;
  expect(secidPage.url()).toBe(
    `chrome-extension://${extensionId}/src/secid-page/secid-page.html?q=${encodeURIComponent('LLM01:2025')}`,
  );
  await secidPage.close();
});

test('Enter in the omnibox on an ambiguous ID opens the SecID page', async ({
  extensionContext,
  serviceWorker,
  extensionId,
}) => {
  const opened = extensionContext.waitForEvent('page', (p) => p.url().includes('/src/secid-page/secid-page.html'));
  await serviceWorker.evaluate(() =>
    (chrome.omnibox.onInputEntered as unknown as { dispatch(text: string, d: string): void }).dispatch(
      'LLM01',
      'newForegroundTab',
    ),
  );
  const secidPage = await opened;
  expect(secidPage.url()).toBe(`chrome-extension://${extensionId}/src/secid-page/secid-page.html?q=LLM01`);
  await secidPage.close();
});

test('the page APIs the content script relies on are here: caretPositionFromPoint and CSS.highlights', async ({
  page,
  site,
}) => {
  await page.goto(`${site.url}/demo.html`);
  expect(
    await page.evaluate(() => ({ caret: typeof document.caretPositionFromPoint, highlights: 'highlights' in CSS })),
  ).toEqual({ caret: 'function', highlights: true });
});
