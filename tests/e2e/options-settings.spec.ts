import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension, storedSettings, storeSettings } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

async function openOptions(page: Page, extensionId: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(extensionPage(extensionId, 'options/options.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  return errors;
}

const stored = async (worker: import('@playwright/test').Worker) =>
  (await storedSettings(worker)) as Record<string, unknown> | undefined;

test('defaults are shown, every control is labelled', async ({ page, extensionId }) => {
  await openOptions(page, extensionId);
  await expect(page.getByLabel('Find IDs on pages')).toBeChecked();
  await expect(page.getByLabel('Hover delay')).toHaveValue('300');
  await expect(page.getByLabel('Match the page')).toBeChecked();
  await expect(page.locator('#family-owasp-top10')).toHaveValue('context');
  await expect(page.locator('#family-mitre-attack-group-software')).toHaveValue('off');
  await expect(page.locator('#family-cve')).toHaveValue('on');
  await expect(page.locator('#family-cve option:checked')).toHaveText('On (default)');
  // Families with nothing to look for nearby cannot be "context".
  await expect(page.locator('#family-cve option[value="context"]')).toHaveCount(0);
  await expect(page.getByLabel('OWASP LLM Top 10', { exact: true })).toHaveValue('');
  await expect(page.locator('#sites-empty')).toBeVisible();
  // Every select and input has an accessible name.
  for (const control of await page.locator('main select, main input').all()) {
    expect(
      await control.evaluate((el) => (el as HTMLInputElement).labels?.length ?? 0),
      await control.evaluate((el) => el.id),
    ).toBeGreaterThan(0);
  }
});

test('every setting is saved in the settings shape and survives a reload', async ({
  page,
  extensionId,
  serviceWorker,
}) => {
  await openOptions(page, extensionId);
  await page.getByLabel('Find IDs on pages').uncheck();
  await page.getByLabel('Hover delay').fill('450');
  await page.getByLabel('Hover delay').press('Tab');
  await page.getByLabel('Dark').check();
  await page.locator('#family-owasp-top10').selectOption('on');
  await page.locator('#family-cve').selectOption('off');
  await page.getByLabel('OWASP LLM Top 10', { exact: true }).selectOption('1.0');
  await page.getByLabel('Add a site').fill('https://www.Example.COM/some/path');
  await page.getByLabel('Add a site').press('Enter');
  await page.getByLabel('Add a site').fill('news.ycombinator.com');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('#saved')).toHaveText('Saved.');

  await expect
    .poll(() => stored(serviceWorker))
    .toEqual({
      version: 1,
      enabled: false,
      excludedSites: ['example.com', 'news.ycombinator.com'],
      families: { 'owasp-top10': 'on', cve: 'off' },
      editions: { 'weakness/owasp/llm-top10': '1.0' },
      hoverDelayMs: 450,
      theme: 'dark',
      liveDetails: false,
      omniboxEnter: 'resolve',
      badge: true,
    });

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByLabel('Find IDs on pages')).not.toBeChecked();
  await expect(page.getByLabel('Hover delay')).toHaveValue('450');
  await expect(page.getByLabel('Dark')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#family-owasp-top10')).toHaveValue('on');
  await expect(page.locator('#family-cve')).toHaveValue('off');
  await expect(page.getByLabel('OWASP LLM Top 10', { exact: true })).toHaveValue('1.0');
  await expect(page.locator('#sites li')).toHaveText([/example\.com/, /news\.ycombinator\.com/]);

  // Back to a default: the override is dropped, not stored as a copy of the default.
  await page.locator('#family-owasp-top10').selectOption('context');
  await expect.poll(async () => (await stored(serviceWorker))?.families).toEqual({ cve: 'off' });
});

test('the excluded sites list: add, refuse bad or covered names, remove by keyboard', async ({
  page,
  extensionId,
  serviceWorker,
}) => {
  await openOptions(page, extensionId);
  const input = page.getByLabel('Add a site');
  await input.fill('not a host!');
  await input.press('Enter');
  await expect(page.locator('#site-error')).toHaveText(
    '“not a host!” is not a site name. Enter a host such as example.com.',
  );
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill('github.com');
  await input.press('Enter');
  await input.fill('gist.github.com');
  await input.press('Enter');
  await expect(page.locator('#site-error')).toHaveText('Already covered by github.com.');
  await input.fill('example.org');
  await input.press('Enter');
  await expect(page.locator('#sites li')).toHaveCount(2);

  const remove = page.getByRole('button', { name: 'Remove github.com' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sites li')).toHaveText([/example\.org/]);
  // Focus stays in the list.
  await expect(page.getByRole('button', { name: 'Remove example.org' })).toBeFocused();
  await expect.poll(async () => (await stored(serviceWorker))?.excludedSites).toEqual(['example.org']);
});

test('an invalid hover delay is refused, not saved', async ({ page, extensionId, serviceWorker }) => {
  await openOptions(page, extensionId);
  const delay = page.getByLabel('Hover delay');
  await delay.fill('99999');
  await delay.press('Tab');
  await expect(page.locator('#hover-delay-error')).toBeVisible();
  await expect(delay).toHaveAttribute('aria-invalid', 'true');
  expect(await stored(serviceWorker)).toBeUndefined();
  await delay.fill('0');
  await delay.press('Tab');
  await expect(page.locator('#hover-delay-error')).toBeHidden();
  await expect.poll(async () => (await stored(serviceWorker))?.hoverDelayMs).toBe(0);
});

test('changes apply to open tabs without a reload', async ({ page, extensionId, context, serviceWorker }) => {
  // An open SecID page follows the theme and the default edition at once.
  const resolveTab = await context.newPage();
  await resolveTab.goto(extensionPage(extensionId, 'secid-page/secid-page.html?q=LLM04'));
  await expect(resolveTab.locator('#editions .secid-card').first()).toHaveAttribute('data-secid', /@2\.0#/);

  await openOptions(page, extensionId);
  await page.getByLabel('Dark').check();
  await page.getByLabel('OWASP LLM Top 10', { exact: true }).selectOption('1.0');

  await expect(resolveTab.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(resolveTab.locator('#editions .secid-card').first()).toHaveAttribute('data-secid', /@1\.0#/);
  await expect(resolveTab.locator('#editions .secid-card').first()).toHaveAttribute('data-theme', 'dark');
  expect(await resolveTab.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 25, 29)');
  // The value every context reads (content scripts follow storage.onChanged), in the shape src/core/settings.ts defines.
  expect(
    await serviceWorker.evaluate(
      async () => ((await chrome.storage.sync.get('settings')).settings as { theme: string }).theme,
    ),
  ).toBe('dark');
});

test('corrupt stored settings fall back per field, without a crash anywhere', async ({
  page,
  extensionId,
  serviceWorker,
  context,
}) => {
  await storeSettings(serviceWorker, {
    enabled: 'yes',
    excludedSites: 'not a list',
    families: { 'owasp-top10': 'on', cve: 'sometimes' },
    editions: { 'weakness/owasp/llm-top10': 42 },
    hoverDelayMs: -1,
    theme: 'neon',
  });
  const errors = await openOptions(page, extensionId);
  await expect(page.getByLabel('Find IDs on pages')).toBeChecked();
  await expect(page.getByLabel('Hover delay')).toHaveValue('300');
  await expect(page.getByLabel('Match the page')).toBeChecked();
  await expect(page.locator('#family-owasp-top10')).toHaveValue('on');
  await expect(page.locator('#family-cve')).toHaveValue('on');
  await expect(page.getByLabel('OWASP LLM Top 10', { exact: true })).toHaveValue('');
  expect(errors).toEqual([]);

  // Not even an object.
  await storeSettings(serviceWorker, 'garbage');
  const popup = await context.newPage();
  const popupErrors: string[] = [];
  popup.on('pageerror', (e) => popupErrors.push(String(e)));
  await popup.goto(extensionPage(extensionId, 'popup/popup.html'));
  await expect(popup.locator('html')).toHaveAttribute('data-ready', 'true');
  await popup.locator('#q').fill('ML03');
  await expect(popup.locator('#results .secid-card')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByLabel('Hover delay')).toHaveValue('300');
  // A save repairs what is stored.
  await page.getByLabel('Light').check();
  await expect
    .poll(() => stored(serviceWorker))
    .toEqual({
      version: 1,
      enabled: true,
      excludedSites: [],
      families: {},
      editions: {},
      hoverDelayMs: 300,
      theme: 'light',
      liveDetails: false,
      omniboxEnter: 'resolve',
      badge: true,
    });
  expect(popupErrors).toEqual([]);
  expect(errors).toEqual([]);
});

test('the keyboard shortcut hint shows the current shortcuts', async ({ page, extensionId }) => {
  await openOptions(page, extensionId);
  await expect(page.locator('dd[data-command="open-card"]')).toHaveText('Alt+Shift+S');
  await expect(page.locator('dd[data-command="_execute_action"]')).toHaveText('Not set');
  await expect(page.locator('#shortcut-hint')).toHaveText('Change them at chrome://extensions/shortcuts.');
});
