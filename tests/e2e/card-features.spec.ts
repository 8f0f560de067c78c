import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension, storeSettings } from '../support/extension-pages.ts';

// Issue 15, items 3 (editions), 5 (related lists), 8 (copy formats) and the options that go with them.

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

const secidPage = (extensionId: string, q: string) =>
  extensionPage(extensionId, `secid-page/secid-page.html?q=${encodeURIComponent(q)}`);

/** Records what the page copies (the clipboard itself needs a user gesture and permission prompts headless). */
async function recordCopies(page: Page): Promise<void> {
  await page.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { copies: string[] }).copies = copies;
    navigator.clipboard.writeText = async (text: string) => {
      copies.push(text);
    };
  });
}
const copies = (page: Page) => page.evaluate(() => (window as unknown as { copies: string[] }).copies);

test('related lists name editions and list each thing once', async ({ page, extensionId }) => {
  await page.goto(secidPage(extensionId, 'AML.T0051'));
  const related = page.locator('#main-result .secid-card__related li');
  const llm01 = related.filter({ hasText: 'LLM01' });
  await expect(llm01).toHaveCount(1);
  await expect(llm01).toContainText('LLM01 Prompt Injection (2025, 2023 editions)');

  await page.goto(secidPage(extensionId, 'LLM01:2025'));
  await expect(page.locator('#main-result .secid-card__related li').filter({ hasText: 'LLM01' })).toContainText(
    'LLM01 Prompt Injection (2023 edition)',
  );
});

test('a version number is named as its edition, and the spelling the user wrote can be copied', async ({
  page,
  extensionId,
}) => {
  const written = 'secid:weakness/owasp/llm-top10@2025#LLM02';
  await page.goto(secidPage(extensionId, written));
  const card = page.locator('#main-result .secid-card');
  await expect(card.locator('.secid-card__secid code')).toHaveText('secid:weakness/owasp/llm-top10@2.0#LLM02');
  await expect(card.locator('.secid-card__edition-note')).toHaveText('Version 2.0 is the 2025 edition.');
  await recordCopies(page);
  await card.locator('[data-format="written"]').click();
  await expect(card.locator('[data-format="written"]')).toHaveText('Copied');
  expect(await copies(page)).toEqual([written]);
});

test('the card copies the SecID, the URL, a Markdown link and our permalink', async ({ page, extensionId }) => {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(extensionPage(extensionId, 'popup/popup.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await page.locator('#q').fill('ML03');
  const card = page.locator('#results [role="option"]').first().locator('.secid-card');
  await expect(card).toBeVisible();
  await recordCopies(page);
  for (const format of ['url', 'markdown', 'permalink']) await card.locator(`[data-format="${format}"]`).click();
  await card.locator('.secid-card__copy').click();
  await expect(card.locator('.secid-card__copy')).toHaveText('Copied');
  expect(await copies(page)).toEqual([
    'https://mltop10.info/ML03_2023-Model_Inversion_Attack.html',
    '[ML03 Model Inversion Attack](https://mltop10.info/ML03_2023-Model_Inversion_Attack.html)',
    extensionPage(extensionId, 'secid-page/secid-page.html?q=secid%3Aweakness%2Fowasp%2Fml-top10%23ML03'),
    'secid:weakness/owasp/ml-top10#ML03',
  ]);
  // The permalink opens the same answer.
  const permalink = (await copies(page))[2]!;
  await page.goto(permalink);
  await expect(page.locator('#main-result .secid-card')).toHaveAttribute(
    'data-secid',
    'secid:weakness/owasp/ml-top10#ML03',
  );
});

test('options: where the omnibox goes and the badge are settings', async ({ page, extensionId, serviceWorker }) => {
  await page.goto(extensionPage(extensionId, 'options/options.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('input[name="omnibox-enter"][value="resolve"]')).toBeChecked();
  await expect(page.locator('#badge')).toBeChecked();
  await page.locator('input[name="omnibox-enter"][value="source"]').check();
  await page.locator('#badge').uncheck();
  await expect
    .poll(() =>
      serviceWorker.evaluate(
        async () => (await chrome.storage.sync.get('settings')).settings as { omniboxEnter?: string; badge?: boolean },
      ),
    )
    .toMatchObject({ omniboxEnter: 'source', badge: false });
  await storeSettings(serviceWorker, { omniboxEnter: 'resolve', badge: true });
  await expect(page.locator('#badge')).toBeChecked();
});
