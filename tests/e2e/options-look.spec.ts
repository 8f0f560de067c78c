import { expect, test } from './fixtures.ts';
import { collectColours, failures } from '../support/contrast.ts';
import { extensionPage, resetExtension, storeSettings } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`options in the ${scheme} theme: screenshot and AA contrast`, async ({ page, extensionId, serviceWorker }) => {
    await storeSettings(serviceWorker, { excludedSites: ['example.com', 'intranet.example.org'] });
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.goto(extensionPage(extensionId, 'options/options.html'));
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await page.getByLabel('Add a site').fill('not a host!');
    await page.getByLabel('Add a site').press('Enter');
    await page.screenshot({ path: `out/screenshots/options-${scheme}.png`, fullPage: true });
    const pairs = await collectColours(page);
    expect(pairs.length).toBeGreaterThan(50);
    expect(failures(pairs)).toEqual([]);
  });
}

test('the theme setting overrides the system scheme', async ({ page, extensionId, serviceWorker }) => {
  await storeSettings(serviceWorker, { theme: 'dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(extensionPage(extensionId, 'options/options.html'));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 25, 29)');
  await page.getByLabel('Light').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
});
