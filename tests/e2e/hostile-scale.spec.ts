import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';
import { pageIdTexts, tabOf, watchPage } from '../support/hostile.ts';

// Playwright's own selector engine overflows its stack on a 5,000-deep tree and takes seconds per query on 200,000
// nodes (starving the page), so these tests read the page with plain DOM calls (no page script gets in the way).
const scanState = (page: Page) => page.evaluate(() => document.querySelector('secid-lens-root')?.getAttribute('data-scan'));
const cardState = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('secid-lens-root')?.shadowRoot?.querySelector('.secid-card');
    return card ? `${card.querySelector('.secid-card__id')?.textContent} ${card.getAttribute('data-secid')}` : null;
  });

test('5,000 levels of nesting, block and inline: every ID found, the deepest ones get cards', async ({ page, site, serviceWorker }) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-deep.html`);
  await expect.poll(() => scanState(page), { timeout: 30_000, intervals: [100] }).toBe('done');
  const depths = await page.evaluate(() => {
    const depth = (id: string, stop: string) => {
      let d = 0;
      for (let n = document.getElementById(id); n && n.id !== stop; n = n.parentElement) d++;
      return d;
    };
    return [depth('deepest', 'blocks'), depth('deepest-inline', 'inline')];
  });
  expect(depths).toEqual([5001, 5000]);
  const tab = await tabOf(serviceWorker, page);
  const cwes = Array.from({ length: 10 }, (_, i) => `CWE-${(i + 1) * 500}`);
  expect((await pageIdTexts(serviceWorker, tab)).sort()).toEqual(['ML01', 'ML02', 'LLM02', ...cwes].sort());

  await hover(page, 'ML02', '#deepest');
  await expect.poll(() => cardState(page), { intervals: [100] }).toBe('ML02 secid:weakness/owasp/ml-top10#ML02');
  await page.keyboard.press('Escape');
  await expect.poll(() => cardState(page), { intervals: [100] }).toBeNull();
  // LLM02, split over the two deepest of 5,000 nested spans: point at its "02".
  await hover(page, '02', '#deepest-inline');
  await expect.poll(() => cardState(page), { intervals: [100] }).toMatch(/^LLM02 secid:weakness\/owasp\/llm-top10@/);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});

test('200,000 text nodes: the scan completes, counts every planted ID and the last one gets a card', async ({ page, site }) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-many-nodes.html`);
  await expect.poll(() => scanState(page), { timeout: 45_000, intervals: [250] }).toBe('done');
  const planted = await page.evaluate(() => ({ ids: (window as unknown as { __planted: number }).__planted, texts: document.querySelectorAll('#all span').length }));
  expect(planted.texts).toBe(200_000);
  // Every planted ID is one registered detection (data-ids), no more, no fewer.
  expect(await page.evaluate(() => document.querySelector('secid-lens-root')?.getAttribute('data-ids'))).toBe(String(planted.ids));
  await hover(page, 'CWE-89', '#last');
  await expect.poll(() => cardState(page), { intervals: [100] }).toBe('CWE-89 secid:weakness/mitre/cwe#CWE-89');
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});
