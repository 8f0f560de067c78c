import { expect, test } from './fixtures.ts';
import { collectColours, failures } from '../support/contrast.ts';
import { contentScriptReady, extensionPage, resetExtension, tabIdOf } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`popup in the ${scheme} theme: screenshots, AA contrast, visible focus`, async ({
    page,
    context,
    site,
    serviceWorker,
    extensionId,
  }) => {
    await page.goto(`${site.url}/demo.html`);
    const tab = await tabIdOf(serviceWorker, page);
    await contentScriptReady(serviceWorker, tab);
    const popup = await context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(
      extensionPage(extensionId, `popup/popup.html?tab=${tab}&url=${encodeURIComponent(`${site.url}/demo.html`)}`),
    );
    await expect(popup.locator('#page')).toHaveAttribute('data-state', 'listed');
    const problems: string[] = [];
    const check = async (state: string) => {
      const pairs = await collectColours(popup);
      expect(pairs.length, state).toBeGreaterThan(10);
      for (const f of failures(pairs)) problems.push(`${state}: ${f}`);
    };

    await popup.screenshot({ path: `out/screenshots/popup-page-ids-${scheme}.png` });
    await check('page ids');

    await popup.locator('#q').fill('LLM04');
    await expect(popup.locator('#results .secid-card')).toBeVisible();
    await popup.screenshot({ path: `out/screenshots/popup-llm04-${scheme}.png` });
    await popup.locator('#q').press('ArrowDown');
    await check('LLM04');

    await popup.locator('#q').fill('ML11');
    await expect(popup.locator('#message')).toBeVisible();
    await popup.screenshot({ path: `out/screenshots/popup-error-${scheme}.png` });
    await check('ML11');

    await popup.locator('#q').fill('prompt injection');
    await popup.screenshot({ path: `out/screenshots/popup-search-${scheme}.png` });
    await check('search');

    // Keyboard focus is visible: the ring differs from the unfocused look.
    await popup.locator('#q').fill('');
    await popup.keyboard.press('Tab');
    const focused = popup.locator(':focus');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await popup.screenshot({ path: `out/screenshots/popup-focus-${scheme}.png` });
    expect(problems).toEqual([]);
  });
}
