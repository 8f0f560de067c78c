import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';
import {
  CARD,
  inventoryProblems,
  openScanned,
  pageIdTexts,
  shadowInventory,
  tabOf,
  watchPage,
} from '../support/hostile.ts';

// tests/fixtures/pages/hostile-payloads.html: HTML and script payloads written as page TEXT next to and inside IDs,
// javascript: look-alikes, a right-to-left override, zero-width characters and homoglyphs. The page has no script of
// its own, so a dialog could only come from markup the extension rendered.

/** Every element added to the page after parsing, and inside our shadow root, recorded from the page's own world. */
function recordAddedElements(): void {
  const added: string[] = [];
  (window as unknown as { __added: string[] }).__added = added;
  const record = (records: MutationRecord[]) => {
    for (const r of records) {
      const prefix = r.target.getRootNode() instanceof ShadowRoot ? 'shadow:' : '';
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const el = n as Element;
        added.push(prefix + el.localName);
        for (const inner of el.querySelectorAll('*')) added.push(prefix + inner.localName);
        if (el.localName === 'secid-lens-root' && el.shadowRoot)
          observer.observe(el.shadowRoot, { childList: true, subtree: true });
      }
    }
  };
  const observer = new MutationObserver(record);
  document.addEventListener('DOMContentLoaded', () => observer.observe(document, { childList: true, subtree: true }));
}

const EXPECTED_IDS = [
  'secid:weakness/owasp/ml-top10#', // cut at "<img": the source itself
  'secid:weakness/owasp/ml-top10#ML01', // "<img ..." after it is not part of it
  'secid:weakness/owasp/ml-top10#ML03', // cut at the quote
  'CVE-2024-3094',
  'CWE-79',
  'ML02',
  'ML04',
  'secid:weakness/owasp/ml-top10#javascript:alert(7)', // a SecID whose item is not an ID: "related", no link from it
  'secid:weakness/owasp/ml-top10#ML05?x=', // cut at "<iframe"
  'ML06', // inside U+202E ... U+202C, without them
  'CVE-2021-44228',
];

test('markup and script written as page text stay text: found, carded as text, never run, never turned into elements', async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await page.addInitScript(recordAddedElements);
  await openScanned(page, `${site.url}/hostile-payloads.html`);

  // Scanning is on and saw exactly these: the IDs beside the payloads, nothing cut by invisible characters, no homoglyph.
  const tab = await tabOf(serviceWorker, page);
  expect((await pageIdTexts(serviceWorker, tab)).sort()).toEqual([...EXPECTED_IDS].sort());

  const card = page.locator(CARD);
  // `at`: the part of the text to point at (a long SecID may wrap onto two lines).
  const cases: { text: string; within: string; secid: string; status: string; at?: string }[] = [
    {
      text: 'secid:weakness/owasp/ml-top10#',
      within: '#c-img',
      secid: 'secid:weakness/owasp/ml-top10',
      status: 'found',
    },
    {
      text: 'secid:weakness/owasp/ml-top10#ML01',
      within: '#s-after',
      secid: 'secid:weakness/owasp/ml-top10#ML01',
      status: 'found',
    },
    {
      text: 'secid:weakness/owasp/ml-top10#ML03',
      within: '#c-quote',
      secid: 'secid:weakness/owasp/ml-top10#ML03',
      status: 'found',
    },
    { text: 'CVE-2024-3094', within: '#s-script', secid: 'secid:advisory/mitre/cve#CVE-2024-3094', status: 'found' },
    { text: 'CWE-79', within: '#s-before', secid: 'secid:weakness/mitre/cwe#CWE-79', status: 'found' },
    { text: 'ML02', within: '#s-js1', secid: 'secid:weakness/owasp/ml-top10#ML02', status: 'found' },
    { text: 'ML04', within: '#a-js', secid: 'secid:weakness/owasp/ml-top10#ML04', status: 'found' },
    {
      text: 'secid:weakness/owasp/ml-top10#javascript:alert(7)',
      within: '#c-js',
      secid: 'secid:weakness/owasp/ml-top10',
      status: 'related',
      at: 'alert(7)',
    },
    {
      text: 'secid:weakness/owasp/ml-top10#ML05?x=',
      within: '#c-query',
      secid: 'secid:weakness/owasp/ml-top10#ML05',
      status: 'found',
    },
    { text: 'ML06', within: '#s-rtl', secid: 'secid:weakness/owasp/ml-top10#ML06', status: 'found' },
  ];
  for (const c of cases) {
    await hover(page, c.at ?? c.text, c.within);
    await expect(card, c.text).toHaveAttribute('data-secid', c.secid);
    await expect(card).toHaveAttribute('data-status', c.status);
    // The card's ID line is exactly the text found on the page: no markup, no invisible or bidi characters.
    expect(
      await card
        .locator('.secid-card__id')
        .evaluate((el) => ({ text: el.textContent, elements: el.childElementCount })),
    ).toEqual({ text: c.text, elements: 0 });
    expect(inventoryProblems(await shadowInventory(page)), c.text).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
  }

  // The javascript: "item" is reported as text in the card's message; no link in the card leads anywhere but http(s).
  await hover(page, 'alert(7)', '#c-js');
  await expect(card.locator('.secid-card__message')).toContainText('"javascript:alert(7)" is not an ID of');
  // Links open through the extension and carry no href (issue 17); the URL each opens is its title.
  const targets = await card
    .locator('a')
    .evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('title')]));
  expect(targets.length).toBeGreaterThan(0);
  for (const [href, title] of targets) {
    expect(href).toBeNull();
    expect(title).toMatch(/^https:\/\//);
  }
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await recordCards(page);

  // Homoglyphs and the reversed look-alike get no card; the real CVE next to them, pointed at next, does, and its card
  // is the only one shown.
  for (const [text, within] of [
    ['\u0421VE-2024-1234', '#s-cyr'],
    ['10LM', '#s-rtl-fake'],
  ] as const) {
    await hover(page, text, within);
    await pastHoverDwell(page);
    await expect(card, text).toHaveCount(0);
  }
  await hover(page, 'CVE-2021-44228', '#s-real');
  await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2021-44228');
  expect(await recordedCards(page)).toEqual(['tooltip secid:advisory/mitre/cve#CVE-2021-44228']);

  // Nothing ran, nothing was made from the page's text: the only element added to the page is our host, and the
  // shadow root only ever held card elements.
  const added = await page.evaluate(() => (window as unknown as { __added: string[] }).__added);
  expect(added.filter((n) => !n.startsWith('shadow:'))).toEqual(['secid-lens-root']);
  const inShadow = new Set(added.filter((n) => n.startsWith('shadow:')).map((n) => n.slice(7)));
  expect(inShadow.has('article')).toBe(true);
  for (const tag of ['img', 'script', 'svg', 'iframe', 'object', 'embed']) expect(inShadow.has(tag), tag).toBe(false);
  expect(
    await page.evaluate(() => ({
      images: document.images.length,
      scripts: document.scripts.length,
      iframes: document.querySelectorAll('iframe').length,
    })),
  ).toEqual({ images: 0, scripts: 0, iframes: 0 });
  expect(watch.dialogs).toEqual([]);
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);

  // The dialog watch itself works: a real alert is seen.
  await page.evaluate(() => alert('probe'));
  expect(watch.dialogs).toEqual(['alert: probe']);
});
