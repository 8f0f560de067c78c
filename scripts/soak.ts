// Soak test (opt-in, minutes long; not part of npm test): the built extension on a live page that appends and
// removes content without pause, through many SPA navigations. Checks that the heap stays flat (growth under 5 MB
// after a forced GC) and that hover cards still open at the end.
//   npm run soak                       10 minutes, 500 navigations (the figures)
//   SOAK_MINUTES=1 SOAK_NAVIGATIONS=50 npm run soak    a quick run
import type { Page } from '@playwright/test';
import { launchExtension } from '../tests/support/launch.ts';
import { startStaticServer } from '../tests/support/static-server.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const NAVIGATIONS = Number(process.env.SOAK_NAVIGATIONS ?? 500);
const MAX_GROWTH_MB = 5;
const CARD = 'secid-lens-root .secid-card';

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Twice: a first collection can leave garbage that finalisers free for the second.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

/** Hovers an ID with the real pointer and waits for its card; true when it showed. */
async function cardWorks(page: Page, selector: string, idSuffix: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  if (!box) return false;
  await page.mouse.move(2, 2);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
  try {
    // The card for this ID (the previous one may still be closing).
    await page.locator(`${CARD}[data-secid$="${idSuffix}"]`).waitFor({ timeout: 5_000 });
    return true;
  } catch {
    return false;
  } finally {
    await page.mouse.move(2, 2);
  }
}

async function main(): Promise<void> {
  const [browser, site] = await Promise.all([launchExtension(), startStaticServer({ '/': 'tests/fixtures/pages' })]);
  let failed = false;
  try {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/soak.html`);
    await page.locator('secid-lens-root[data-scan="done"]').waitFor({ state: 'attached', timeout: 30_000 });
    // Warm up (first card, first navigations, caches filled), then take the baseline.
    for (let i = 1; i <= 5; i++)
      await page.evaluate((n) => (window as unknown as { __navigate: (n: number) => void }).__navigate(n), i);
    if (!(await cardWorks(page, '#c-ml01', '#ML01'))) throw new Error('no card at the start');
    const base = await heapMb(page);
    console.log(`soak: ${MINUTES} min, ${NAVIGATIONS} navigations; heap after warm-up ${base.toFixed(1)} MB`);

    const started = Date.now();
    const end = started + MINUTES * 60_000;
    const every = (MINUTES * 60_000) / NAVIGATIONS;
    let done = 0;
    let cardsOk = 0;
    let cardsTried = 0;
    while (Date.now() < end || done < NAVIGATIONS) {
      if (done < NAVIGATIONS) {
        done++;
        await page.evaluate((n) => (window as unknown as { __navigate: (n: number) => void }).__navigate(n), 5 + done);
      }
      // A card about once a minute (and at 10 % of navigations on short runs).
      if (done % Math.max(1, Math.round(NAVIGATIONS / Math.max(3, MINUTES))) === 0) {
        cardsTried++;
        if (await cardWorks(page, '#s-cwe', '#CWE-79')) cardsOk++;
        const mb = await heapMb(page);
        console.log(
          `  ${((Date.now() - started) / 60_000).toFixed(1)} min, ${done} navigations: heap ${mb.toFixed(1)} MB (${(mb - base >= 0 ? '+' : '') + (mb - base).toFixed(1)}), cards ${cardsOk}/${cardsTried}`,
        );
      }
      const wait = started + done * every - Date.now();
      if (wait > 0) await page.waitForTimeout(Math.min(wait, Math.max(0, end - Date.now())));
    }
    const last = await heapMb(page);
    const endCard = await cardWorks(page, '#c-ml01', '#ML01');
    const growth = last - base;
    console.log(
      `soak: heap ${base.toFixed(1)} -> ${last.toFixed(1)} MB (growth ${growth.toFixed(2)} MB, limit ${MAX_GROWTH_MB}); cards during the run ${cardsOk}/${cardsTried}, at the end: ${endCard ? 'ok' : 'none'}`,
    );
    failed = growth >= MAX_GROWTH_MB || !endCard || cardsOk < cardsTried;
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(failed ? 'soak: FAILED' : 'soak: passed');
  process.exitCode = failed ? 1 : 0;
}

await main();
