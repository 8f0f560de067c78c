import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  extensionPage,
  resetExtension,
  storeSettings,
  stubExternalSites,
  tabIdOf,
} from '../support/extension-pages.ts';

/*
 * A headless browser has no address bar: the tests fire the extension's real, registered omnibox listeners through
 * the service worker (chrome.omnibox.onInputChanged.dispatch / onInputEntered.dispatch).
 */

interface SuggestResult {
  content: string;
  description: string;
}

function suggestionsFor(worker: Worker, text: string): Promise<SuggestResult[]> {
  return worker.evaluate(
    (t) =>
      new Promise<SuggestResult[]>((resolve) => {
        // Event objects in extension service workers expose dispatch(); typed loosely on purpose.
        (chrome.omnibox.onInputChanged as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(t, resolve);
      }),
    text,
  );
}

function enter(worker: Worker, text: string, disposition: string): Promise<void> {
  return worker.evaluate(
    ([t, d]) => (chrome.omnibox.onInputEntered as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(t, d),
    [text, disposition] as const,
  );
}

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
  await stubExternalSites(context);
});

test('the omnibox listeners are registered', async ({ serviceWorker }) => {
  expect(await serviceWorker.evaluate(() => chrome.omnibox.onInputChanged.hasListeners())).toBe(true);
  expect(await serviceWorker.evaluate(() => chrome.omnibox.onInputEntered.hasListeners())).toBe(true);
});

test('suggestions as you type: up to 6, "ID - title (list, edition)", match highlighted, XML-escaped', async ({
  serviceWorker,
}) => {
  const ml = await suggestionsFor(serviceWorker, 'ML03');
  expect(ml[0]).toEqual({
    content: 'secid:weakness/owasp/ml-top10#ML03',
    description: '<match>ML03</match> - Model Inversion Attack<dim> (OWASP ML Top 10, 2023)</dim>',
  });
  expect(ml.length).toBeLessThanOrEqual(6);

  const llm = await suggestionsFor(serviceWorker, 'LLM04');
  expect(llm.slice(0, 2).map((s) => s.description)).toEqual([
    '<match>LLM04</match> - Data and Model Poisoning<dim> (OWASP LLM Top 10, 2025)</dim>',
    '<match>LLM04</match> - Model Denial of Service<dim> (OWASP LLM Top 10, 2023)</dim>',
  ]);

  const words = await suggestionsFor(serviceWorker, 'prompt inj');
  expect(words.length).toBeGreaterThan(1);
  expect(words.length).toBeLessThanOrEqual(6);
  expect(words[0]!.description).toContain('<match>Prompt</match> <match>Inj</match>ection');

  const attack = await suggestionsFor(serviceWorker, 'attack');
  const all = attack.map((s) => s.description).join('\n');
  expect(all).toContain('ATT&amp;CK');
  expect(all).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);

  expect(await suggestionsFor(serviceWorker, '   ')).toEqual([]);
});

test('the omnibox names ATT&CK techniques and finds nicknames', async ({ serviceWorker }) => {
  const technique = await suggestionsFor(serviceWorker, 'T1059');
  expect(technique[0]).toEqual({
    content: 'secid:ttp/mitre/attack#T1059',
    description: '<match>T1059</match> - Command and Scripting Interpreter<dim> (MITRE ATT&amp;CK)</dim>',
  });
  const nickname = await suggestionsFor(serviceWorker, 'log4shell');
  expect(nickname[0]?.content).toBe('secid:advisory/mitre/cve#CVE-2021-44228');
});

test('Enter on an exact ID opens our SecID page by default (issue 15: it went to the source, which fails offline)', async ({
  serviceWorker,
  context,
  extensionId,
}) => {
  const opened = context.waitForEvent('page');
  await enter(serviceWorker, 'ML03', 'newForegroundTab');
  const tab = await opened;
  await tab.waitForURL(/secid-page\.html/);
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=ML03'));
  await expect(tab.locator('#main-result .secid-card')).toHaveAttribute(
    'data-secid',
    'secid:weakness/owasp/ml-top10#ML03',
  );
});

test('with the setting "source", Enter on an exact ID opens its source page in a new foreground tab', async ({
  serviceWorker,
  context,
}) => {
  await storeSettings(serviceWorker, { omniboxEnter: 'source' });
  const opened = context.waitForEvent('page');
  await enter(serviceWorker, 'ML03', 'newForegroundTab');
  const tab = await opened;
  await tab.waitForURL('https://mltop10.info/**');
  expect(tab.url()).toBe('https://mltop10.info/ML03_2023-Model_Inversion_Attack.html');
  expect(await tab.evaluate(() => document.visibilityState)).toBe('visible');
});

test('Enter with newBackgroundTab opens the page without leaving the current tab', async ({
  serviceWorker,
  context,
  page,
  site,
  extensionId,
}) => {
  await page.goto(`${site.url}/demo.html`);
  const current = await tabIdOf(serviceWorker, page);
  const opened = context.waitForEvent('page');
  // The SecID page (an extension URL): a hidden tab's navigation to a stubbed web URL is not reliably intercepted.
  await enter(serviceWorker, 'LLM04', 'newBackgroundTab');
  const tab = await opened;
  await tab.waitForURL(/secid-page\.html/, { waitUntil: 'commit' });
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=LLM04'));
  const active = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  expect(active).toBe(current);
});

test('Enter with currentTab navigates the current tab', async ({ serviceWorker, context, page, site }) => {
  await storeSettings(serviceWorker, { omniboxEnter: 'source' });
  await page.goto(`${site.url}/demo.html`);
  await tabIdOf(serviceWorker, page);
  const before = context.pages().length;
  await enter(serviceWorker, 'secid:weakness/owasp/llm-top10@1.0#LLM04', 'currentTab');
  await page.waitForURL(/Archive\/1_0_vulns\/LLM04/);
  expect(context.pages().length).toBe(before);
});

test('Enter on anything ambiguous or unknown opens the SecID page', async ({ serviceWorker, context, extensionId }) => {
  for (const text of ['LLM04', 'prompt injection', 'ML11', 'secid:weaknes/x#1']) {
    const opened = context.waitForEvent('page');
    await enter(serviceWorker, text, 'newForegroundTab');
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(extensionPage(extensionId, `secid-page/secid-page.html?q=${encodeURIComponent(text)}`));
    await expect(tab.locator('#status')).not.toBeEmpty();
    await tab.close();
  }
});

test('suggestions follow the default edition from the options', async ({ serviceWorker }) => {
  await storeSettings(serviceWorker, { editions: { 'weakness/owasp/llm-top10': '1.0' } });
  await expect
    .poll(async () => (await suggestionsFor(serviceWorker, 'LLM04'))[0]?.content)
    .toBe('secid:weakness/owasp/llm-top10@1.0#LLM04');
});
