import { expect, test } from './fixtures.ts';
import { collectColours, failures } from '../support/contrast.ts';
import { extensionPage, resetExtension } from '../support/extension-pages.ts';

// Issue 15, item 9: a short welcome page on install, with examples that work on the page itself.

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

test('the welcome page opened on install', async ({ welcomeUrl, extensionId }) => {
  expect(welcomeUrl).toBe(extensionPage(extensionId, 'welcome/welcome.html'));
});

test('it says what the extension does, lets you try examples, points to the settings and makes the privacy promise', async ({
  page,
  extensionId,
  context,
}) => {
  await page.goto(extensionPage(extensionId, 'welcome/welcome.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('h1')).toHaveText('SecID Lens is ready');
  await expect(page.locator('.privacy')).toContainText('no network requests');
  const examples = page.locator('#examples button');
  expect(await examples.count()).toBeGreaterThanOrEqual(5);

  await page.locator('[data-example="ML03"]').hover();
  const card = page.locator('#example-card .secid-card');
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(card.locator('.secid-card__title')).toHaveText('Model Inversion Attack');
  await page.locator('[data-example="LLM02"]').focus();
  await expect(card.locator('.secid-card__editions li')).toHaveCount(2);

  const opened = context.waitForEvent('page', (p) => p.url().includes('/src/options/options.html'));
  await page.locator('#open-options').click();
  await (await opened).waitForLoadState();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the welcome page in the ${scheme} scheme meets AA contrast`, async ({ page, extensionId }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(extensionPage(extensionId, 'welcome/welcome.html'));
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await page.locator('[data-example="LLM02"]').click();
    await expect(page.locator('#example-card .secid-card')).toBeVisible();
    const pairs = await collectColours(page);
    expect(pairs.length).toBeGreaterThan(20);
    expect(failures(pairs)).toEqual([]);
  });
}
