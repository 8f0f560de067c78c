import { expect, test } from '@playwright/test';
import { contentScriptReady, extensionPage } from '../support/extension-pages.ts';
import { CARD, openScanned, tabOf, watchPage } from '../support/hostile.ts';
import { launchExtension, type ExtensionBrowser } from '../support/launch.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

// Messages of the wrong shape, to a tab's content script and to the service worker: dropped, never acted on, and
// logged at most once per kind of problem. A browser of its own, so the service worker's once-only warnings start
// from zero.

let browser: ExtensionBrowser;
let site: StaticServer;

test.beforeAll(async () => {
  [browser, site] = await Promise.all([launchExtension(), startStaticServer({ '/': 'tests/fixtures/pages' })]);
});

test.afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** What sendMessage gave back: the answer, or null when nobody answered (the port closed without a response). */
type Outcome = { answer: unknown } | null;

const BAD_TAB_MESSAGES: unknown[] = [
  null,
  42,
  'page-ids',
  [],
  {},
  { type: 'PAGE-IDS' },
  { type: ['show-card'] },
  { type: 'show-card', text: 42 },
  { type: 'show-card', text: 'ML01'.repeat(300) },
  { type: 'scroll-to' },
  { type: 'scroll-to', text: 'ML06', index: -1 },
  { type: 'scroll-to', text: 'ML06', index: 1.5 },
  { type: 'scroll-to', text: 'ML06', index: '2' },
  { type: 'scroll-to', text: { toString: 'ML06' } },
  { type: 'eval', code: 'alert(1)' },
  { type: 'innerHTML', html: '<img src=x onerror=alert(1)>' },
];

const BAD_RUNTIME_MESSAGES: unknown[] = [
  null,
  42,
  'resolve',
  [],
  {},
  { type: 'RESOLVE', query: 'ML01' },
  { type: 'resolve' },
  { type: 'resolve', query: '' },
  { type: 'resolve', query: 42 },
  { type: 'resolve', query: 'x'.repeat(1025) },
  { type: 'resolve', query: 'ML01', contextEdition: 'x'.repeat(21) },
  { type: 'search', query: 'ML', limit: 1e9 },
  { type: 'search', query: 'ML', limit: 'all' },
  { type: 'search', query: 'ML', limit: 2.5 },
  { type: 'open-secid-page' },
  { type: 'open-secid-page', query: '' },
  { type: 'open-secid-page', query: { url: 'javascript:alert(1)' } },
  { type: 'open-secid-page', query: 'x'.repeat(5000) },
  { type: 'eval', code: '1' },
];

test('malformed messages to a tab and to the service worker are dropped, never acted on, and logged at most once per kind', async () => {
  const { context, worker, extensionId } = browser;
  const workerWarnings: string[] = [];
  worker.on('console', (m) => workerWarnings.push(`${m.type()}: ${m.text()}`));

  // To the content script, from the service worker.
  const page = await context.newPage();
  const watch = watchPage(page);
  await openScanned(page, `${site.url}/content-basic.html`);
  const tab = await tabOf(worker, page);
  const before = await page.evaluate(() => ({ y: scrollY, flash: CSS.highlights.has('secid-lens-flash') }));
  for (const message of [...BAD_TAB_MESSAGES, ...BAD_TAB_MESSAGES]) {
    const outcome = await worker.evaluate(
      ([id, m]) =>
        chrome.tabs.sendMessage(id as number, m).then(
          (r): Outcome => (r === undefined ? null : { answer: r }),
          (): Outcome => null,
        ),
      [tab, message] as const,
    );
    // Nobody answers a message that is not of ours.
    expect(outcome, JSON.stringify(message)).toBeNull();
  }
  // A well-formed request answered after them: the content script has handled every one before it.
  await contentScriptReady(worker, tab);
  expect(await page.evaluate(() => ({ y: scrollY, flash: CSS.highlights.has('secid-lens-flash') }))).toEqual(before);
  await expect(page.locator(CARD)).toHaveCount(0);
  // The same requests in the right shape do act (so the checks above could fail).
  expect(
    await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'scroll-to', text: 'ML06', index: 2 }), tab),
  ).toEqual({ scrolled: true });
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before.y);
  expect(
    await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'show-card', text: 'ML01'.repeat(256) }), tab),
  ).toEqual({ shown: false });
  // The content script keeps the page's console clean: no warning there, not even once.
  expect(watch.ours).toEqual([]);

  // To the service worker, from an extension page.
  const ext = await context.newPage();
  await ext.goto(extensionPage(extensionId, 'secid-page/secid-page.html'));
  const pagesBefore = context.pages().length;
  for (const message of [...BAD_RUNTIME_MESSAGES, ...BAD_RUNTIME_MESSAGES]) {
    const outcome = await ext.evaluate(
      (m) =>
        chrome.runtime.sendMessage(m).then(
          (r): Outcome => (r === undefined ? null : { answer: r }),
          (): Outcome => null,
        ),
      message,
    );
    expect(outcome, JSON.stringify(message)).toBeNull();
  }

  // Well-formed, the same requests are answered and acted on; the page asked for last is the only one opened since
  // the malformed messages were sent.
  const answer = (await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'resolve', query: 'ML01' }))) as {
    status: string;
  };
  expect(answer.status).toBe('found');
  const opened = context.waitForEvent('page', (p) => p.url().includes('secid-page.html?q=ML03'));
  await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'open-secid-page', query: 'ML03' }));
  await opened;
  expect(context.pages().length).toBe(pagesBefore + 1);

  // A round trip to the worker: the console messages it made before answering have all arrived.
  await worker.evaluate(() => 0);
  // Logged once per kind of problem (the field that failed first: none, type, query, contextEdition, limit), not per
  // message: 35 malformed messages sent twice each make at most 5 warnings.
  const warnings = workerWarnings.filter((w) => w.startsWith('warning:'));
  expect(warnings.length).toBeGreaterThanOrEqual(4);
  expect(warnings.length).toBeLessThanOrEqual(5);
  for (const w of warnings) expect(w).toBe('warning: SecID Lens: dropped a malformed message in service worker');
  expect(workerWarnings.filter((w) => !w.startsWith('warning:'))).toEqual([]);
});
