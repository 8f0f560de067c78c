import { expect, test } from './fixtures.ts';
import { collectColours, failures } from '../support/contrast.ts';
import { extensionPage, resetExtension } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`SecID page in the ${scheme} theme: screenshots and AA contrast`, async ({ page, extensionId }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1100, height: 1000 });
    const problems: string[] = [];
    for (const [name, q] of [
      ['editions', 'LLM04'],
      ['cve', 'CVE-2024-3094'],
      ['error', 'ML11'],
    ] as const) {
      await page.goto(extensionPage(extensionId, `secid-page/secid-page.html?q=${encodeURIComponent(q)}`));
      await expect(page.locator('#status .verdict')).toBeVisible();
      await page.screenshot({ path: `out/screenshots/resolve-${name}-${scheme}.png`, fullPage: true });
      const pairs = await collectColours(page);
      expect(pairs.length, q).toBeGreaterThan(10);
      for (const f of failures(pairs)) problems.push(`${q}: ${f}`);
    }
    expect(problems).toEqual([]);
  });
}
