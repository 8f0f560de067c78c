import { expect, test } from './fixtures.ts';
import { recordCards, recordedCards } from '../support/hover-checks.ts';
import { CARD, hoverBox, pageIdTexts, tabOf, watchPage } from '../support/hostile.ts';

test('a page cannot drive our UI with synthetic events: no card opens, no tab opens; real pointer moves still work', async ({
  page,
  site,
  serviceWorker,
  context,
}) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-synthetic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  const tab = await tabOf(serviceWorker, page);
  expect(await pageIdTexts(serviceWorker, tab)).toEqual(['ML01', 'LLM01:2025']);
  const tabsBefore = context.pages().length;

  await page.mouse.move(2, 2);
  await recordCards(page);
  const seen = await page.evaluate(() =>
    (window as unknown as { __attack: (s: string) => Promise<{ cards: number; clicked: number }> }).__attack('#c-ml01'),
  );
  expect(seen).toEqual({ cards: 0, clicked: 0 });
  await expect(page.locator(CARD)).toHaveCount(0);

  // A real pointer opens the card; the page's synthetic clicks on it then do nothing (no SecID page opens).
  await hoverBox(page, page.locator('#c-ml01'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  // Asked for after the synthetic events, it is the only card shown.
  expect(await recordedCards(page)).toEqual(['tooltip secid:weakness/owasp/ml-top10#ML01']);
  await expect(page.locator(CARD).locator('.secid-card__link').first()).toBeVisible();
  const clicked = await page.evaluate(() =>
    (
      window as unknown as { __attack: (s: string, ms: number) => Promise<{ cards: number; clicked: number }> }
    ).__attack('#c-ml01', 600),
  );
  expect(clicked.clicked).toBeGreaterThan(0);
  await expect(page.locator(CARD)).toBeVisible();

  // The user's own (modifier-)click on the same button does open the related item's SecID page (issue 15: a plain
  // click now follows the item inside the card).
  const related = page.locator(CARD).locator('.secid-card__link').first();
  const secid = await related.evaluate((b) => b.closest('li')?.getAttribute('data-secid'));
  const opened = context.waitForEvent('page', (p) => p.url().includes('/src/secid-page/secid-page.html'));
  await related.click({ modifiers: ['Control'] });
  expect(decodeURIComponent(new URL((await opened).url()).searchParams.get('q') ?? '')).toBe(secid);
  // It is the only tab opened since the synthetic clicks.
  expect(context.pages().length).toBe(tabsBefore + 1);
  await (await opened).close();
  expect(watch.ours).toEqual([]);
});
