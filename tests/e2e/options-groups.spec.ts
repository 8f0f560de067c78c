import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension } from '../support/extension-pages.ts';

// Issue 15, item 9: the options are grouped (behaviour, appearance, sources by type, …) and can be searched.

test.beforeEach(async ({ context, serviceWorker, page, extensionId }) => {
  await resetExtension(context, serviceWorker, page);
  await page.goto(extensionPage(extensionId, 'options/options.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
});

test('settings are grouped, and the sources by type', async ({ page }) => {
  await expect(page.locator('main section[data-group] h2')).toHaveText(
    [
      'Behaviour',
      'Appearance',
      'Live details',
      'Which IDs to find',
      'Default editions',
      'Sites where SecID Lens is off',
      'SecID 1.0 registry',
      'Keyboard shortcuts',
    ].map((t) => new RegExp(`^${t.split(' ')[0]}`)),
  );
  const types = page.locator('#families .type-group');
  expect(await types.count()).toBeGreaterThanOrEqual(3);
  await expect(types.first().locator('h3')).toHaveText('Weaknesses and risks');
  await expect(page.locator('#families .type-group[data-type="advisory"] #family-cve')).toHaveCount(1);
  await expect(page.locator('#shortcuts')).toContainText('Next ID on the page');
});

test('search within the options hides what does not match and says when nothing does', async ({ page }) => {
  const filter = page.getByLabel('Find a setting');
  await filter.fill('cve');
  await expect(page.locator('#family-cve')).toBeVisible();
  await expect(page.locator('#family-owasp-top10')).toBeHidden();
  await expect(page.locator('section[data-group="appearance"]')).toBeHidden();
  await filter.fill('theme');
  await expect(page.getByLabel('Same as the system')).toBeVisible();
  await expect(page.locator('section[data-group="sources"]')).toBeHidden();
  await filter.fill('zzqxv');
  await expect(page.locator('#filter-none')).toHaveText('No setting matches “zzqxv”.');
  await filter.fill('');
  await expect(page.locator('#family-owasp-top10')).toBeVisible();
  await expect(page.locator('section[data-group="appearance"]')).toBeVisible();
});
