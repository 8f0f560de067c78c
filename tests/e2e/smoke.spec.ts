import { expect, test } from './fixtures.ts';

test('the service worker runs and answers a resolve request', async ({ serviceWorker }) => {
  expect(serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/service-worker-loader\.js$/);
  const hasOmnibox = await serviceWorker.evaluate(() => chrome.omnibox.onInputChanged.hasListeners());
  expect(hasOmnibox).toBe(true);
});

test('the popup page opens, focuses its search box and resolves what is typed', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/src/popup/popup.html`);
  const box = page.locator('#q');
  await expect(box).toBeFocused();
  await box.fill('ML03');
  await expect(page.locator('.secid-card').first()).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(page.locator('.secid-card__title').first()).toHaveText('Model Inversion Attack');
});

test('the content script finds the IDs of a page and ignores look-alikes', async ({ page, site, serviceWorker }) => {
  await page.goto(`${site.url}/demo.html`);
  await page.bringToFront();
  const tabId = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  expect(tabId).toBeDefined();
  await expect
    .poll(async () =>
      serviceWorker.evaluate(async (id) => chrome.tabs.sendMessage(id!, { type: 'page-ids' }).catch(() => null), tabId),
    )
    .toBeTruthy();
  const found = (await serviceWorker.evaluate(
    async (id) => chrome.tabs.sendMessage(id!, { type: 'page-ids' }),
    tabId,
  )) as { text: string }[];
  const texts = found.map((f) => f.text);
  expect(texts).toEqual(
    expect.arrayContaining([
      'ML01',
      'ML03',
      'LLM01:2025',
      'LLM02',
      'CVE-2024-3094',
      'CWE-79',
      'secid:weakness/owasp/ml-top10#ML01',
    ]),
  );
  for (const lookalike of ['HTML01', 'ML011', 'XML10', 'LLM2', 'ML10']) expect(texts).not.toContain(lookalike);
});
