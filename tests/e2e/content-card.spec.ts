import { mkdirSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { LEAVE_GRACE_MS } from '../../src/content/hover.ts';
import { contentScriptReady, sendToTab } from '../support/extension-pages.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';
import { expect, test } from './fixtures.ts';
import { collectErrors, hover } from './content-helpers.ts';

const CARD = 'secid-lens-root .secid-card';

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
}

async function tabId(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  expect(id).toBeDefined();
  return id!;
}

function send<T>(serviceWorker: Worker, tab: number, message: unknown): Promise<T> {
  return sendToTab(serviceWorker, tab, message) as Promise<T>;
}

test.describe('hover cards on a static page', () => {
  test('cards open for the right IDs, in links, code and strong, and across <wbr>', async ({ page, site }) => {
    const errors = collectErrors(page);
    await ready(page, `${site.url}/content-basic.html`);

    await hover(page, 'ML01', '#link-ml01');
    const card = page.locator(CARD);
    await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
    await expect(card).toHaveAttribute('role', 'tooltip');
    await expect(card.locator('.secid-card__id')).toHaveText('ML01');
    await expect(card.locator('.secid-card__title')).toHaveText('Input Manipulation Attack');
    await expect(card.locator('.secid-card__list')).toContainText('OWASP ML Top 10 (2023)');
    await expect(card.locator('.secid-card__description')).not.toBeEmpty();
    await expect(card.locator('.secid-card__secid code')).toHaveText('secid:weakness/owasp/ml-top10#ML01');
    await expect(card.locator('.secid-card__copy')).toBeVisible();
    // Links carry no href (the page could rewrite it); the URL they open is shown as a tooltip (issue 17).
    await expect(card.locator('a.secid-card__open')).toHaveAttribute('title', /^https:\/\//);
    await expect(card.locator('.secid-card__related li').first()).toBeVisible();

    await hover(page, 'ML03', '#p-inline strong');
    await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
    await expect(card).toHaveCount(1); // one card at a time

    // The SecID is split by <wbr> into two text nodes: hovering either half opens its card.
    await hover(page, 'ml-top10#ML01', '#code-secid');
    await expect(card.locator('.secid-card__id')).toHaveText('secid:weakness/owasp/ml-top10#ML01');

    await hover(page, '01', '#p-wrapped'); // <span>LLM</span><span>01</span>
    await expect(card.locator('.secid-card__id')).toHaveText('LLM01');
    await hover(page, 'CWE-79', '#p-misc');
    await expect(card).toHaveAttribute('data-secid', /cwe#CWE-79$/);
    expect(errors).toEqual([]);
  });

  test('ATT&CK names and tactics, and a known exploited CVE, come from the knowledge shards', async ({
    page,
    site,
  }) => {
    const errors = collectErrors(page);
    await ready(page, `${site.url}/content-basic.html`);
    const card = page.locator(CARD);
    await hover(page, 'T1059.003', '#p-misc');
    await expect(card).toHaveAttribute('data-secid', 'secid:ttp/mitre/attack#T1059.003');
    await expect(card.locator('.secid-card__title')).toHaveText(
      'Command and Scripting Interpreter: Windows Command Shell',
    );
    await expect(card.locator('.secid-card__facts')).toContainText('Execution (TA0002)');
    await expect(card.locator('.secid-card__kev')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await hover(page, 'CVE-2021-44228', '#p-kev');
    await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2021-44228');
    await expect(card.locator('.secid-card__title')).toHaveText('Apache Log4j2 Remote Code Execution Vulnerability');
    await expect(card.locator('.secid-card__kev')).toHaveText('Known exploited');
    await expect(card.locator('.secid-card__kev-line')).toContainText('since 2021-12-10');
    await page.keyboard.press('Escape');

    // A CVE that is not in the catalogue has no badge.
    await hover(page, 'CVE-2024-3094', '#p-misc');
    await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2024-3094');
    await expect(card.locator('.secid-card__kev')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('look-alikes get no card', async ({ page, site }) => {
    await ready(page, `${site.url}/content-basic.html`);
    await recordCards(page);
    for (const word of ['HTML01', 'ML011', 'XML10', 'LLM2']) {
      await hover(page, word, '#p-lookalikes');
      await pastHoverDwell(page);
      await expect(page.locator(CARD)).toHaveCount(0);
    }
    // A real ID hovered next gets its card: the look-alikes were looked up before it, and none showed a card.
    await hover(page, 'ML03', '#p-inline strong');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML03$/);
    expect(await recordedCards(page)).toEqual([expect.stringMatching(/^tooltip secid:.*#ML03$/)]);
  });

  test('a version-dependent ID shows each edition and the guess, from the edition named nearby', async ({
    page,
    site,
  }) => {
    await ready(page, `${site.url}/content-basic.html`);
    await hover(page, 'LLM02', '#p-editions');
    const card = page.locator(CARD);
    await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/llm-top10@1.0#LLM02');
    await expect(card.locator('.secid-card__title')).toHaveText('Insecure Output Handling');
    const editions = card.locator('.secid-card__editions li');
    await expect(editions).toHaveCount(2);
    await expect(editions.first()).toHaveAttribute('data-edition', '2023');
    await expect(editions.nth(1)).toHaveAttribute('data-edition', '2025');
    await expect(card.locator('.secid-card__guess')).toContainText('2023');
  });

  test('the card stays while the pointer moves onto it, and closes on Escape and on leaving', async ({
    page,
    site,
  }) => {
    await ready(page, `${site.url}/content-basic.html`);
    const card = page.locator(CARD);
    await hover(page, 'CVE-2024-3094');
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 4 });
    // Past the grace period the pointer has to reach the card: had it not counted as on the card, it would be closed.
    await pastHoverDwell(page, LEAVE_GRACE_MS);
    await expect(card).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);

    await hover(page, 'CVE-2024-3094');
    await expect(card).toBeVisible();
    await page.mouse.move(5, 5);
    await expect(card).toHaveCount(0);
  });

  test('the card closes when its ID scrolls out of view in a scroll container', async ({ page, site }) => {
    await ready(page, `${site.url}/content-basic.html`);
    await page.locator('#p-scrolled').scrollIntoViewIfNeeded();
    await hover(page, 'ML05', '#p-scrolled');
    const card = page.locator(CARD);
    await expect(card).toHaveAttribute('data-secid', /#ML05$/);
    const inView = await card.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    });
    expect(inView).toBe(true);
    await page.locator('#scroller').evaluate((el) => el.scrollBy(0, -1000));
    await expect(card).toHaveCount(0);
  });

  test('the card stays on screen at 200% zoom (half the CSS viewport) and flips above near the bottom', async ({
    page,
    site,
  }) => {
    await page.setViewportSize({ width: 640, height: 360 });
    await ready(page, `${site.url}/content-basic.html`);
    await hover(page, 'LLM02', '#p-editions');
    const card = page.locator(CARD);
    await expect(card).toBeVisible();
    const fits = async () =>
      card.evaluate((el) => {
        const frame = el.parentElement!.getBoundingClientRect();
        return (
          frame.top >= 0 && frame.left >= 0 && frame.bottom <= innerHeight + 0.5 && frame.right <= innerWidth + 0.5
        );
      });
    expect(await fits()).toBe(true);
    // An ID at the bottom edge of the viewport: the card goes above it.
    await page.evaluate(() => {
      const p = document.querySelector('#p-bottom')!;
      scrollBy(0, p.getBoundingClientRect().bottom - innerHeight + 4);
    });
    const { x, y } = await page.evaluate(() => {
      const r = document.querySelector('#p-bottom a')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(x, y, { steps: 2 });
    await expect(card).toHaveAttribute('data-secid', /#ML06$/);
    const above = await card.evaluate(
      (el, idTop) => el.parentElement!.getBoundingClientRect().bottom <= idTop + 1,
      y - 4,
    );
    expect(above).toBe(true);
    expect(await fits()).toBe(true);
    mkdirSync('out/screenshots', { recursive: true });
    await page.screenshot({ path: 'out/screenshots/card-small-viewport.png' });
  });

  test('in fullscreen the host moves into the fullscreen element and cards still show', async ({ page, site }) => {
    await ready(page, `${site.url}/content-basic.html`);
    await page.locator('#stage').evaluate((el) => el.requestFullscreen());
    await expect
      .poll(() => page.evaluate(() => document.querySelector('secid-lens-root')?.parentElement?.id))
      .toBe('stage');
    await hover(page, 'CWE-89', '#stage');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-89$/);
    await page.evaluate(() => document.exitFullscreen());
    await expect
      .poll(() => page.evaluate(() => document.querySelector('secid-lens-root')?.parentElement?.localName))
      .toBe('html');
  });
});

test.describe('keyboard, context menu and popup requests', () => {
  test('the open-card command opens a focused dialog for the selected ID; Tab stays inside, Escape returns focus', async ({
    page,
    site,
    serviceWorker,
  }) => {
    await ready(page, `${site.url}/content-basic.html`);
    const tab = await tabId(serviceWorker, page);
    await page.evaluate(() => {
      (document.querySelector('#link-ml01') as HTMLElement).focus();
      const text = document.querySelector('#p-misc em')!.firstChild!;
      getSelection()!.setBaseAndExtent(text, 0, text, 6);
    });
    expect(await send(serviceWorker, tab, { type: 'show-card' })).toEqual({ shown: true });
    const card = page.locator(CARD);
    await expect(card).toHaveAttribute('role', 'dialog');
    await expect(card).toHaveAttribute('data-secid', /#CWE-79$/);
    await expect(card).toBeFocused();
    const focusables = await card.locator('a[tabindex="0"], button').count();
    expect(focusables).toBeGreaterThan(1);
    for (let i = 0; i < focusables + 2; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('secid-lens-root');
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('secid-lens-root');
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-ml01');
  });

  test('the context menu request shows the card for the selected text and says so', async ({
    page,
    site,
    serviceWorker,
  }) => {
    await ready(page, `${site.url}/content-basic.html`);
    const tab = await tabId(serviceWorker, page);
    await page.evaluate(() => {
      const code = document.querySelector('#p-misc code')!.firstChild!;
      getSelection()!.setBaseAndExtent(code, 0, code, 13);
    });
    expect(await send(serviceWorker, tab, { type: 'show-card', text: 'CVE-2024-3094' })).toEqual({ shown: true });
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /CVE-2024-3094$/);
    await page.keyboard.press('Escape');
    await page.evaluate(() => getSelection()!.removeAllRanges());
    expect(await send(serviceWorker, tab, { type: 'show-card' })).toEqual({ shown: false });
    expect(await send(serviceWorker, tab, { type: 'show-card', text: 'not an id' })).toEqual({ shown: false });
  });

  test('page-ids lists the IDs with counts and families; scroll-to brings one into view without touching nodes', async ({
    page,
    site,
    serviceWorker,
  }) => {
    await ready(page, `${site.url}/content-basic.html`);
    const tab = await tabId(serviceWorker, page);
    const ids = await send<{ text: string; count: number; family?: string; sourceKey?: string }[]>(serviceWorker, tab, {
      type: 'page-ids',
    });
    const byText = Object.fromEntries(ids.map((i) => [i.text, i]));
    expect(byText.ML06).toEqual({
      text: 'ML06',
      count: 3,
      family: 'owasp-ml-top10',
      sourceKey: 'weakness/owasp/ml-top10',
    });
    expect(byText['secid:weakness/owasp/ml-top10#ML01']).toMatchObject({
      count: 1,
      sourceKey: 'weakness/owasp/ml-top10',
    });
    expect(Object.keys(byText)).toEqual(
      expect.arrayContaining([
        'ML01',
        'ML03',
        'LLM02',
        'LLM01:2025',
        'CVE-2024-3094',
        'CWE-79',
        'AML.T0051',
        'T1059.003',
        'LLM01',
        'ML04',
        'ML05',
        'CWE-89',
      ]),
    );
    for (const lookalike of ['HTML01', 'ML011', 'XML10', 'LLM2']) expect(byText[lookalike]).toBeUndefined();

    const before = await page.evaluate(() => document.body.innerHTML);
    expect(await send(serviceWorker, tab, { type: 'scroll-to', text: 'ML06', index: 2 })).toEqual({ scrolled: true });
    const visible = await page.evaluate(() => {
      const r = document.querySelector('#p-bottom a')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(visible).toBe(true);
    expect(await page.evaluate(() => CSS.highlights.get('secid-lens-flash')?.size)).toBe(1);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(await send(serviceWorker, tab, { type: 'scroll-to', text: 'ML06', index: 9 })).toEqual({ scrolled: false });
  });
});

test.describe('the page is left as it was', () => {
  test('innerText and the DOM are unchanged; the only added node is <secid-lens-root>', async ({
    page,
    site,
    serviceWorker,
  }) => {
    // The same page without the extension first (switched off for this site), then with it.
    await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { excludedSites: ['127.0.0.1'] } }));
    await page.goto(`${site.url}/content-basic.html`);
    // The content script answers once it has read the settings and stayed off.
    await contentScriptReady(serviceWorker, await tabId(serviceWorker, page));
    const off = await page.evaluate(() => ({
      text: document.body.innerText,
      html: document.documentElement.outerHTML,
      host: document.querySelector('secid-lens-root') !== null,
    }));
    expect(off.host).toBe(false);
    await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));

    await page.addInitScript(() => {
      const added: string[] = [];
      (window as unknown as { __added: string[] }).__added = added;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) added.push(n.nodeName);
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await page.reload();
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    await hover(page, 'ML01', '#link-ml01');
    await expect(page.locator(CARD)).toBeVisible();
    const on = await page.evaluate(() => {
      const host = document.querySelector('secid-lens-root')!;
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelector('secid-lens-root')?.remove();
      return {
        text: document.body.innerText,
        html: clone.outerHTML,
        hostParent: host.parentElement?.localName,
        hosts: document.querySelectorAll('secid-lens-root').length,
        highlights: CSS.highlights.get('secid-lens')?.size ?? 0,
      };
    });
    expect(on.text).toBe(off.text);
    expect(on.html).toBe(off.html);
    expect(on.hosts).toBe(1);
    expect(on.hostParent).toBe('html');
    expect(on.highlights).toBeGreaterThan(5);
    // Every node added after parsing is our host (parsing itself adds the page's nodes before the observer's first batch).
    const added = await page.evaluate(() => (window as unknown as { __added: string[] }).__added);
    expect(added.filter((n) => n === 'SECID-LENS-ROOT')).toHaveLength(1);
  });

  test('per-site off: no host element, no highlights, no cards; switching on applies without reload', async ({
    page,
    site,
    serviceWorker,
  }) => {
    await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { excludedSites: ['127.0.0.1'] } }));
    try {
      await page.goto(`${site.url}/content-basic.html`);
      await contentScriptReady(serviceWorker, await tabId(serviceWorker, page));
      await hover(page, 'ML01', '#link-ml01');
      await pastHoverDwell(page);
      expect(
        await page.evaluate(() => ({
          hosts: document.querySelectorAll('secid-lens-root').length,
          hl: CSS.highlights.size,
        })),
      ).toEqual({ hosts: 0, hl: 0 });
      await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { excludedSites: [] } }));
      await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
      await hover(page, 'ML03', '#p-inline strong');
      await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML03$/);
      // Global switch off: host and highlights go at once.
      await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { enabled: false } }));
      await expect(page.locator('secid-lens-root')).toHaveCount(0);
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
    } finally {
      await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));
    }
  });

  test('switching a family off re-detects open pages without reload', async ({ page, site, serviceWorker }) => {
    try {
      await ready(page, `${site.url}/content-basic.html`);
      const count = () => page.locator('secid-lens-root').getAttribute('data-ids').then(Number);
      const all = await count();
      await serviceWorker.evaluate(() =>
        chrome.storage.sync.set({ settings: { families: { 'owasp-ml-top10': 'off' } } }),
      );
      await expect.poll(count).toBeLessThan(all);
      await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
      await recordCards(page);
      await hover(page, 'ML03', '#p-inline strong');
      await pastHoverDwell(page);
      await expect(page.locator(CARD)).toHaveCount(0);
      await hover(page, 'CWE-79', '#p-misc');
      await expect(page.locator(CARD)).toBeVisible();
      // CWE-79 was hovered after ML03, and its card is the only one shown.
      await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-79$/);
      expect(await recordedCards(page)).toEqual([expect.stringMatching(/^tooltip secid:.*#CWE-79$/)]);
    } finally {
      await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));
    }
  });
});

test.describe('themes', () => {
  test('settings.theme wins over the page scheme, applied to the next card without reload', async ({
    page,
    site,
    serviceWorker,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await ready(page, `${site.url}/content-basic.html`);
    try {
      await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { theme: 'dark' } }));
      await page.waitForTimeout(200);
      await hover(page, 'ML03', '#p-inline strong');
      await expect(page.locator(CARD)).toHaveAttribute('data-theme', 'dark');
    } finally {
      await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings'));
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the card follows the page's ${scheme} color scheme (screenshot)`, async ({ page, site }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await ready(page, `${site.url}/content-basic.html`);
      await hover(page, 'LLM02', '#p-editions');
      const card = page.locator(CARD);
      await expect(card).toHaveAttribute('data-theme', scheme);
      const bg = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(28, 33, 40)' : 'rgb(255, 255, 255)');
      // Page styles do not reach into the card (the fixture sets letter-spacing: 3px !important on p, li, code...).
      expect(
        await card
          .locator('p')
          .first()
          .evaluate((el) => getComputedStyle(el).letterSpacing),
      ).toBe('normal');
      mkdirSync('out/screenshots', { recursive: true });
      await page.screenshot({ path: `out/screenshots/card-${scheme}.png` });
    });
  }
});
