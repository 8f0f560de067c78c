import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension, stubExternalSites } from '../support/extension-pages.ts';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
  await stubExternalSites(context);
});

async function openPopup(page: import('@playwright/test').Page, extensionId: string, query = ''): Promise<void> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(extensionPage(extensionId, `popup/popup.html${query}`));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
}

test('typing searches the registry: titles, prefixes and typos', async ({ page, extensionId }) => {
  await openPopup(page, extensionId);
  const box = page.locator('#q');
  await expect(box).toBeFocused();
  await box.pressSequentially('prompt injec');
  const options = page.locator('#results [role="option"]');
  await expect(options.first()).toContainText('Prompt Injection');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  // A typo still finds it.
  await box.fill('poisonning');
  await expect(page.locator('#results')).toContainText('Poisoning');
  // Words are searched, not judged: no "not a SecID" message.
  await expect(page.locator('#message')).toBeHidden();
  await box.fill('zzzzqqqq');
  // Issue 15: says what was searched (was "No match in the registry.").
  await expect(page.locator('#message .message__what')).toHaveText('Nothing in the registry matches “zzzzqqqq”.');
});

test('names people use find what they name first, and ATT&CK titles are searchable', async ({ page, extensionId }) => {
  await openPopup(page, extensionId);
  await expect(page.locator('html')).toHaveAttribute('data-knowledge', 'ready');
  const box = page.locator('#q');
  const first = page.locator('#results [role="option"]').first();
  await box.fill('xss');
  await expect(first).toContainText('CWE-79');
  await box.fill('log4shell');
  await expect(first).toContainText('CVE-2021-44228');
  await box.fill('windows command shell');
  await expect(first).toContainText('T1059.003');
});

test('arrow keys move through results, → shows the card, ← hides it, Enter opens the source page', async ({
  page,
  extensionId,
  context,
}) => {
  await openPopup(page, extensionId);
  // Every part of the data in (the knowledge shards and the imported names join the list when they arrive), so the
  // list does not change under the arrow keys.
  await expect(page.locator('html')).toHaveAttribute('data-knowledge', 'ready');
  await expect(page.locator('html')).toHaveAttribute('data-v1-search', 'ready');
  const box = page.locator('#q');
  await box.pressSequentially('model inv');
  const options = page.locator('#results [role="option"]');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const count = await options.count();
  expect(count).toBeGreaterThan(1);

  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toHaveAttribute('aria-selected', 'false');
  await expect(box).toHaveAttribute('aria-activedescendant', 'result-1');
  await box.press('ArrowUp');
  await box.press('ArrowUp');
  // Wraps around to the last one.
  await expect(options.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'result-0');

  // The same card as the hover card (the shared component), inside the row.
  await box.press('ArrowRight');
  const card = options.first().locator('.secid-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(card.locator('.secid-card__title')).toHaveText('Model Inversion Attack');
  await box.press('ArrowLeft');
  await expect(card).toHaveCount(0);
  // ← with no card open moves the caret as usual.
  await box.press('ArrowLeft');
  await expect(box).toHaveValue('model inv');

  const opened = context.waitForEvent('page');
  await box.press('Enter');
  const tab = await opened;
  await tab.waitForURL('https://mltop10.info/**');
  expect(tab.url()).toBe('https://mltop10.info/ML03_2023-Model_Inversion_Attack.html');
});

test('a click on a row toggles its card; the card copies its SecID', async ({ page, extensionId }) => {
  await openPopup(page, extensionId);
  await page.locator('#q').fill('data poisoning');
  const row = page.locator('#results [role="option"]').first();
  await row.locator('.row').click();
  await expect(row.locator('.secid-card')).toBeVisible();
  await row.locator('.secid-card__copy').click();
  await expect(row.locator('.secid-card__copy')).toHaveText('Copied');
  await row.locator('.row').click();
  await expect(row.locator('.secid-card')).toHaveCount(0);
  await expect(page.locator('#q')).toBeFocused();
});

test('Enter with nothing listed opens the SecID page for the text', async ({ page, extensionId, context }) => {
  await openPopup(page, extensionId);
  await page.locator('#q').fill('zzzzqqqq');
  const opened = context.waitForEvent('page');
  await page.locator('#q').press('Enter');
  const tab = await opened;
  await tab.waitForLoadState();
  expect(tab.url()).toBe(extensionPage(extensionId, 'secid-page/secid-page.html?q=zzzzqqqq'));
});

test('typing: every keystroke is searched before the next one, and the list always answers what is in the box', async ({
  page,
  extensionId,
}, testInfo) => {
  await openPopup(page, extensionId);
  const box = page.locator('#q');
  // After the popup's own input handler (on the box), at the document: whether the list already answers the box's
  // text. A debounced or queued search would answer a stale text here, whatever the machine's speed.
  await page.evaluate(() => {
    const seen: { value: string; listed: string | undefined }[] = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    document.addEventListener('input', () => {
      const value = document.querySelector<HTMLInputElement>('#q')!.value.trim();
      if (value) seen.push({ value, listed: document.querySelector<HTMLElement>('#results')!.dataset.query });
    });
  });
  const queries = [
    'prompt injection',
    'LLM04',
    'model inversion',
    'CVE-2024-3094',
    'cross site scripting',
    'ML11',
    'AML.T0051',
    'deserialization',
    'secid:weakness/owasp/ml-top10#ML01',
    'poisoning training data',
  ];
  for (const q of queries) {
    await box.fill('');
    await box.pressSequentially(q);
    await expect(page.locator('#results')).toHaveAttribute('data-query', q);
  }
  const seen = await page.evaluate(
    () => (window as unknown as { __seen: { value: string; listed?: string }[] }).__seen,
  );
  const keystrokes = queries.reduce((n, q) => n + q.trim().length, 0);
  expect(seen.length).toBeGreaterThanOrEqual(keystrokes);
  expect(seen.filter((s) => s.listed !== s.value)).toEqual([]);
  // Each keystroke's work (resolve + search + redraw) is a `popup-search` measure in the page's timeline. Reported
  // for the record; the number is the benchmark's to judge (bench/popup.ts), never a test's.
  const times = await page.evaluate(() => performance.getEntriesByName('popup-search').map((m) => m.duration));
  expect(times.length).toBeGreaterThanOrEqual(keystrokes);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  const figures = {
    keystrokes: times.length,
    median: +at(0.5).toFixed(2),
    p95: +at(0.95).toFixed(2),
    max: +sorted[sorted.length - 1]!.toFixed(2),
  };
  testInfo.annotations.push({ type: 'per-keystroke ms', description: JSON.stringify(figures) });
  mkdirSync('out/test-results', { recursive: true });
  writeFileSync('out/test-results/popup-search-latency.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`popup search per keystroke (ms, for the record): ${JSON.stringify(figures)}`);
});

test('the popup shell renders first: the box is localised and focused before the registry is fetched', async ({
  context,
  extensionId,
}, testInfo) => {
  const runs: { navToRender: number; scriptToRender: number; fcp: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.goto(extensionPage(extensionId, 'popup/popup.html'));
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    const shell = await page.evaluate(() => ({
      rendered: performance.getEntriesByName('popup-rendered')[0]!.startTime,
      dataReady: performance.getEntriesByName('popup-data-ready')[0]!.duration,
      focused: document.activeElement?.id,
      lang: document.documentElement.lang,
    }));
    expect(shell.rendered).toBeLessThan(shell.dataReady);
    expect(shell.focused).toBe('q');
    expect(shell.lang).not.toBe('');
    runs.push(
      await page.evaluate(() => {
        const mark = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        return {
          navToRender: mark('popup-rendered'),
          scriptToRender: mark('popup-rendered') - mark('popup-script'),
          fcp,
        };
      }),
    );
    await page.close();
  }
  // What makes it fast on any machine: the shell's script and what it imports statically hold neither the app nor
  // the registry (~0.7 MB); both are dynamic imports, asked for after the shell has rendered.
  const assets = 'dist/chrome/assets';
  const entry = /src="\/assets\/([^"]+)"/.exec(readFileSync('dist/chrome/src/popup/popup.html', 'utf8'))![1]!;
  const staticClosure = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (file: string) => {
    if (staticClosure.has(file)) return;
    staticClosure.add(file);
    const code = readFileSync(`${assets}/${file}`, 'utf8');
    for (const m of code.matchAll(/import\(\s*["'`]\.\/([^"'`]+)["'`]\s*\)/g)) dynamic.add(m[1]!);
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["'`]\.\/([^"'`]+)["'`]/g))
      visit(m[1]!);
  };
  visit(entry);
  const files = readdirSync(assets);
  const registryChunk = files.find((f) => f.startsWith('registry-data-'))!;
  const appChunk = files.find((f) => f.startsWith('popup-app-'))!;
  expect(staticClosure.size).toBeGreaterThan(1);
  expect([...staticClosure]).not.toContain(registryChunk);
  expect([...staticClosure]).not.toContain(appChunk);
  expect([...dynamic]).toContain(appChunk);
  // For the record (the benchmark judges open time: bench/popup.ts).
  testInfo.annotations.push({ type: 'popup open ms', description: JSON.stringify(runs) });
  mkdirSync('out/test-results', { recursive: true });
  writeFileSync('out/test-results/popup-open.json', `${JSON.stringify({ runs }, null, 2)}\n`);
  console.log(`popup open (ms, for the record): ${JSON.stringify(runs.map((r) => +r.navToRender.toFixed(1)))}`);
});

test('search finds a namespace only the imported SecID 1.0 registry knows, below ours (Cloud Controls Matrix)', async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  const box = page.locator('#q');
  await box.fill('cloud controls matrix');
  const ccm = page.locator('#results [role="option"][data-secid="secid:control/cloudsecurityalliance.org/ccm"]');
  await expect(ccm).toHaveCount(1);
  await expect(ccm).toContainText('Cloud Controls Matrix');
  await expect(ccm).toContainText('cloudsecurityalliance.org');
  // Its card resolves through the imported registry (its shard is read for it).
  await ccm.click();
  await expect(ccm.locator('.secid-card')).toHaveAttribute('data-status', 'found');
  await expect(ccm.locator('.secid-card__open')).toHaveAttribute(
    'href',
    'https://cloudsecurityalliance.org/research/cloud-controls-matrix',
  );
});

test('a card lists the official SecID registry link after ours, marked (Ubuntu CVE tracker)', async ({
  page,
  extensionId,
}) => {
  await openPopup(page, extensionId);
  await page.locator('#q').fill('secid:advisory/ubuntu.com/cve-tracker#CVE-2023-44487');
  const card = page.locator('#results [role="option"]').first().locator('.secid-card');
  await expect(card.locator('.secid-card__open')).toHaveAttribute('href', 'https://ubuntu.com/security/CVE-2023-44487');
  const official = card.locator('.secid-card__others li[data-origin="secid-1.0"] a');
  await expect(official).toHaveAttribute('href', 'https://ubuntu.com/security/cves/CVE-2023-44487');
  await expect(official).toContainText('official SecID registry');
});
