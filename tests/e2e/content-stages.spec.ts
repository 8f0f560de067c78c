import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { hover, writeLongTextPage } from './content-helpers.ts';
import { sendToTab, tabIdOf } from '../support/extension-pages.ts';

const CARD = 'secid-lens-root .secid-card';

/** The card UI's styles are in our shadow root only once the second stage has loaded (see card-ui-types.ts). */
const cardStylesLoaded = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('secid-lens-root')?.shadowRoot;
    if (!root) return null;
    const css = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].map((s) => s.sheet!)]
      .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
      .join('\n');
    return css.includes('.secid-card');
  });

test('the card UI is loaded only when a card is about to show, and no file of ours is reachable from the page', async ({
  page,
  site,
  extensionId,
}) => {
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // Scanned and underlined, but no card yet: the card UI (the last stage) not loaded.
  expect(await cardStylesLoaded(page)).toBe(false);
  await hover(page, 'ML01', '#link-ml01');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  expect(await cardStylesLoaded(page)).toBe(true);
  // Injected with scripting.executeScript, not loaded as a web-accessible resource: a page cannot fetch it (which
  // would tell it the extension is installed).
  const reachable = await page.evaluate(
    async (urls) => {
      const found = [];
      for (const url of urls)
        try {
          await fetch(url);
          found.push(url);
        } catch {
          // not reachable: as it should be
        }
      return found;
    },
    ['control-stage', 'lens-stage', 'card-ui'].map((f) => `chrome-extension://${extensionId}/src/content/${f}.js`),
  );
  expect(reachable).toEqual([]);
  // Injected into our isolated world only: the page's world sees no trace of it.
  expect(await page.evaluate(() => Object.keys(window).filter((k) => /secid/i.test(k)))).toEqual([]);
});

test('a second card on the page reuses the loaded card UI (one injection per frame)', async ({
  page,
  site,
  serviceWorker,
}) => {
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // Count the service worker's injections from here on.
  await serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __injections: number; __orig?: typeof chrome.scripting.executeScript };
    g.__injections = 0;
    g.__orig ??= chrome.scripting.executeScript.bind(chrome.scripting);
    (chrome.scripting as { executeScript: unknown }).executeScript = (
      ...args: Parameters<typeof chrome.scripting.executeScript>
    ) => {
      g.__injections++;
      return g.__orig!(...args);
    };
  });
  await hover(page, 'ML01', '#link-ml01');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await page.keyboard.press('Escape');
  await hover(page, 'CWE-79');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', /cwe#CWE-79$/);
  expect(await serviceWorker.evaluate(() => (globalThis as unknown as { __injections: number }).__injections)).toBe(1);
});

/** Records which files the service worker injects from here on (see stage-types.ts). */
async function countInjections(serviceWorker: Worker): Promise<() => Promise<string[]>> {
  await serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __files: string[]; __orig?: typeof chrome.scripting.executeScript };
    g.__files = [];
    g.__orig ??= chrome.scripting.executeScript.bind(chrome.scripting);
    (chrome.scripting as { executeScript: unknown }).executeScript = (
      ...args: Parameters<typeof chrome.scripting.executeScript>
    ) => {
      g.__files.push(...((args[0] as { files?: string[] }).files ?? []));
      return g.__orig!(...args);
    };
  });
  return () => serviceWorker.evaluate(() => (globalThis as unknown as { __files: string[] }).__files);
}

/** The content script's page-ids answer: it comes once the first stage has read the settings and looked at the page. */
async function pageIds(serviceWorker: Worker, page: Page): Promise<string[]> {
  const ids = (await sendToTab(serviceWorker, await tabIdOf(serviceWorker, page), { type: 'page-ids' })) as {
    text: string;
  }[];
  return ids.map((i) => i.text);
}

test('a page without candidates gets no host and no lens; an ID that arrives later, in two pieces, brings them', async ({
  page,
  site,
  serviceWorker,
}) => {
  const injected = await countInjections(serviceWorker);
  await page.goto(`${site.url}/content-no-ids.html`);
  // Dormant: no extension API touched, so no message listener either, until the popup or the worker wakes the page.
  const tab = await tabIdOf(serviceWorker, page);
  await expect(serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-ids' }), tab)).rejects.toThrow(
    /Receiving end does not exist/,
  );
  expect(await injected()).toEqual([]);
  // The question woke the page: the control stage answers it (no IDs); no node added, no lens.
  expect(await pageIds(serviceWorker, page)).toEqual([]);
  expect(await page.locator('secid-lens-root').count()).toBe(0);
  expect(await injected()).toEqual(['src/content/control-stage.js']);
  // Text without a candidate changes nothing; the ID's second half, added as its own text node, completes one.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'late';
    p.append('Filed under CWE-');
    document.body.append(p);
  });
  await page.evaluate(() => document.querySelector('#late')!.append('79 today.'));
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', '1');
  expect(await pageIds(serviceWorker, page)).toEqual(['CWE-79']);
  expect(await injected()).toEqual(['src/content/control-stage.js', 'src/content/lens-stage.js']);
});

// A page of few nodes (a log or a text file in one <pre>) is read node by node, a long node without copying it (see
// fewTexts): an ID across any edge of the pieces it is read in brings the lens; words without a candidate bring none.
const SHORT_NODES = Array.from({ length: 40 }, (_, i) => {
  // 40 nodes of about 2,000 characters: their joined text passes 64 KB after the 33rd, where the ID is cut in two.
  const words = 'dolor sit amet '.repeat(133);
  return i === 32 ? `${words}CWE-` : i === 33 ? `79 ${words}` : `${words}end.`;
}).join('<i></i>');
for (const { title, file, middle, long, ids } of [
  { title: 'an ID across the end of a long node', file: 'end', middle: ' as CWE-<b>79</b> today ', ids: ['CWE-79'] },
  { title: 'an ID across the start of a long node', file: 'start', middle: '<b>CWE-</b>352 and ', ids: ['CWE-352'] },
  { title: 'an ID inside a long node', file: 'inside', middle: ' see CVE-2024-3094 here ', ids: ['CVE-2024-3094'] },
  { title: 'an ID across the cut of short nodes', file: 'short', middle: SHORT_NODES, long: false, ids: ['CWE-79'] },
  { title: 'no candidate, no lens', file: 'none', middle: ' and more words ', ids: [] },
])
  test(`a page of long text nodes: ${title}`, async ({ page, site, serviceWorker }) => {
    await page.goto(`${site.url}/${writeLongTextPage(file, middle, long ?? true)}`);
    if (ids.length) await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', String(ids.length));
    expect(await pageIds(serviceWorker, page)).toEqual(ids);
    expect(await page.locator('secid-lens-root').count()).toBe(ids.length ? 1 : 0);
  });

test('an ID of a family off by default brings no lens until the user switches that family on', async ({
  page,
  site,
  serviceWorker,
}) => {
  // The first stage knows no settings: it looks for every family's candidates (one switched on by the user may be off
  // by default) and brings in the control stage, which reads the settings: this family is off, so no lens, no node.
  const injected = await countInjections(serviceWorker);
  await page.goto(`${site.url}/content-off-family.html`);
  expect(await pageIds(serviceWorker, page)).toEqual([]);
  expect(await page.locator('secid-lens-root').count()).toBe(0);
  const control = 'src/content/control-stage.js';
  const lens = 'src/content/lens-stage.js';
  expect(await injected()).toEqual([control]);
  // Switched on in the options: the open page follows at once and finds its ID.
  await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { families: { 'microsoft-kb': 'on' } } }));
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', '1');
  expect(await pageIds(serviceWorker, page)).toEqual(['KB5034441']);
  expect(await injected()).toEqual([control, lens]);
  // And on a page loaded from then on, straight away.
  await page.reload();
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', '1');
  expect(await injected()).toEqual([control, lens, control, lens]);
});

test('an ID only inside a web component is found under the pointer, with no light text to give it away', async ({
  page,
  site,
  serviceWorker,
}) => {
  await page.goto(`${site.url}/content-no-ids.html`);
  expect(await pageIds(serviceWorker, page)).toEqual([]);
  expect(await page.locator('secid-lens-root').count()).toBe(0);
  const box = await page.locator('#note').evaluate((el) => {
    const p = el.shadowRoot!.querySelector('#inner')!.firstChild!;
    const r = document.createRange();
    const at = p.textContent!.indexOf('CWE-352');
    r.setStart(p, at);
    r.setEnd(p, at + 7);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await page.mouse.move(box.x - 40, box.y);
  // The lens arrives after the pointer did: the pointer keeps moving over the ID, as a reader's does.
  await expect(async () => {
    await page.mouse.move(box.x + 1, box.y);
    await page.mouse.move(box.x, box.y);
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-352$/, { timeout: 1000 });
  }).toPass();
});

// A pointer that came to rest before the lens was there sends no further move: the first stage notes where it was,
// and the lens looks there when it starts (pointer-seed.ts). Here the ID appears under a pointer that never moves
// again, which brings the lens in.
test('an ID that appears under a resting pointer gets its card when the lens starts, without another move', async ({
  page,
  site,
}) => {
  await page.goto(`${site.url}/content-no-ids.html`);
  const point = await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'slot';
    p.style.font = '32px/1.2 monospace';
    p.textContent = 'waiting for it';
    document.body.prepend(p);
    const r = p.getBoundingClientRect();
    return { x: r.left + 40, y: r.top + r.height / 2 };
  });
  await page.mouse.move(point.x - 10, point.y);
  await page.mouse.move(point.x, point.y);
  expect(await page.locator('secid-lens-root').count()).toBe(0);
  // The ID's first characters land where the pointer rests.
  await page.evaluate(() => (document.querySelector('#slot')!.textContent = 'CWE-79 is here'));
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-79');
});
