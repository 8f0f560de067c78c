import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { hover } from './content-helpers.ts';
import { extensionPage } from '../support/extension-pages.ts';
import { CARD, openScanned, tabOf } from '../support/hostile.ts';
import { launchExtension } from '../support/launch.ts';
import { startStaticServer } from '../support/static-server.ts';

// No network: a typical session (a page with IDs and its hover cards, popup search, the SecID page, the options
// page, the omnibox) in a browser of its own that writes a NetLog. Every request the extension, its pages, the
// content script or a navigation started must go to the local test server, the extension itself, data: or about:
// (two deliberate probes prove the check sees requests from a page and from the extension).

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; params?: Record<string, unknown> }[];
}

interface Started {
  url: string;
  initiator: string;
  type: string;
  nik: string;
}

/** Every URL request the network stack started, and every host name it resolved. */
function readNetLog(file: string): { requests: Started[]; hosts: string[] } {
  // Closing the context ends the file properly; a killed browser leaves the events array open.
  const text = readFileSync(file, 'utf8');
  const log = JSON.parse(/\]\s*}\s*$/.test(text) ? text : `${text.replace(/,\s*$/, '')}]}`) as NetLog;
  const START = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const requests: Started[] = [];
  const hosts = new Set<string>();
  for (const e of log.events) {
    const p = e.params;
    if (!p) continue;
    if (e.type === START && typeof p.url === 'string') {
      requests.push({
        url: p.url,
        initiator: String(p.initiator ?? ''),
        type: String(p.request_type ?? ''),
        nik: String(p.network_isolation_key ?? ''),
      });
    }
    // "host" is a name, a name:port or scheme://name[:port] depending on the event.
    if (typeof p.host === 'string')
      hosts.add(/^[a-z]+:\/\//.test(p.host) ? new URL(p.host).hostname : p.host.replace(/:\d+$/, ''));
  }
  return { requests, hosts: [...hosts].sort() };
}

/**
 * The browser's own background traffic (component updates, account checks): started by no origin, not a
 * navigation, isolated under no page or extension of ours. Nothing the extension, its pages or a content script
 * starts looks like this: their requests carry their origin as initiator or are navigations.
 */
function browserOwn(r: Started): boolean {
  return (
    r.initiator === 'not an origin' && r.type === 'other' && !/127\.0\.0\.1|localhost|chrome-extension:/.test(r.nik)
  );
}

test('a typical session makes no request beyond the test pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'secid-lens-netlog-'));
  const netlog = join(dir, 'netlog.json');
  const site = await startStaticServer({ '/': 'tests/fixtures/pages' });
  const browser = await launchExtension({ args: [`--log-net-log=${netlog}`, '--net-log-capture-mode=Default'] });
  const { context, worker, extensionId } = browser;
  const requests: string[] = [];
  const record = (r: Request) => requests.push(r.url());
  context.on('request', record);
  try {
    // A page with IDs: scanned, cards shown.
    const page = await context.newPage();
    await openScanned(page, `${site.url}/content-basic.html`);
    // (Not the ML01 inside the page's own link: hovering a link lets the browser preconnect to its site.)
    for (const [id, within] of [
      ['ML03', '#p-inline strong'],
      ['LLM02', '#p-editions'],
      ['CVE-2024-3094', 'body'],
    ] as const) {
      await hover(page, id, within);
      await expect(page.locator(CARD)).toBeVisible();
      await page.keyboard.press('Escape');
    }
    const tab = await tabOf(worker, page);
    expect(
      (await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page-ids' }), tab)) as unknown[],
    ).not.toEqual([]);

    // The popup: search as you type, then a resolve.
    const popup = await context.newPage();
    await popup.goto(extensionPage(extensionId, 'popup/popup.html'));
    await expect(popup.locator('html')).toHaveAttribute('data-ready', 'true');
    await popup.locator('#q').pressSequentially('prompt injec');
    await expect(popup.locator('#results [role="option"]').first()).toContainText('Prompt Injection');
    await popup.locator('#q').fill('CVE-2024-3094');
    await expect(popup.locator('.secid-card').first()).toBeVisible();

    // The SecID page and the options page (one change, saved).
    const secidPage = await context.newPage();
    await secidPage.goto(extensionPage(extensionId, 'secid-page/secid-page.html?q=LLM01'));
    await expect(secidPage.locator('.secid-card').first()).toBeVisible();
    const options = await context.newPage();
    await options.goto(extensionPage(extensionId, 'options/options.html'));
    await expect(options.locator('html')).toHaveAttribute('data-ready', 'true');
    await options.getByLabel('Dark').check();
    await expect(options.locator('#saved')).toHaveText('Saved.');

    // The omnibox: suggestions, then a phrase that opens the SecID page.
    const suggestions = await worker.evaluate(
      () =>
        new Promise<unknown[]>((ok) =>
          (chrome.omnibox.onInputChanged as unknown as { dispatch: (...a: unknown[]) => void }).dispatch('ML0', ok),
        ),
    );
    expect(suggestions.length).toBeGreaterThan(0);
    const opened = context.waitForEvent('page', (p) => p.url().includes('/src/secid-page/secid-page.html?q='));
    await worker.evaluate(() =>
      (chrome.omnibox.onInputEntered as unknown as { dispatch: (...a: unknown[]) => void }).dispatch(
        'prompt injection',
        'newForegroundTab',
      ),
    );
    await (await opened).waitForLoadState();

    // Two deliberate requests the check must catch: one from a page, one from the extension's service worker.
    await page.evaluate(() => fetch('http://page-probe.invalid/x').catch(() => null));
    await worker.evaluate(() => fetch('http://extension-probe.invalid/x').catch(() => null));
  } finally {
    await browser.close();
    await site.close();
  }

  const allowed = (url: string) => {
    if (/^(data|about|blob):/.test(url)) return true;
    try {
      const u = new URL(url);
      if (u.protocol === 'chrome-extension:') return u.host === extensionId;
      return (
        (u.protocol === 'http:' || u.protocol === 'ws:') && (u.hostname === '127.0.0.1' || u.hostname === 'localhost')
      );
    } catch {
      return false;
    }
  };
  const PROBES = ['http://extension-probe.invalid/x', 'http://page-probe.invalid/x'];
  // What Playwright saw the pages and the service worker ask for.
  expect(requests.filter((u) => u.startsWith(`chrome-extension://${extensionId}/`)).length).toBeGreaterThan(10);
  expect([...new Set(requests.filter((u) => !allowed(u)))].sort()).toEqual(PROBES);
  // Network stack: every request from the extension, its pages, content scripts and navigations.
  const log = readNetLog(netlog);
  rmSync(dir, { recursive: true, force: true });
  expect(log.requests.some((r) => r.url.startsWith(`${site.url}/content-basic.html`))).toBe(true);
  const own = log.requests.filter(browserOwn);
  const ours = log.requests.filter((r) => !browserOwn(r));
  // (chrome-extension:// resources never reach the network stack; the test page and the probes do.)
  expect(ours.length).toBeGreaterThanOrEqual(3);
  expect([...new Set(ours.filter((r) => !allowed(r.url)).map((r) => r.url))].sort()).toEqual(PROBES);
  // The browser's own traffic goes to its vendor's services only (listed, so a new kind gets looked at).
  for (const r of own) expect(new URL(r.url).hostname, r.url).toMatch(/(^|\.)(google\.com|googleapis\.com|gvt1\.com)$/);
  // No host name resolved but the test server's, the browser's own services' and the probes'.
  const known = new Set([
    '127.0.0.1',
    'localhost',
    ...own.map((r) => new URL(r.url).hostname),
    ...PROBES.map((u) => new URL(u).hostname),
  ]);
  expect(log.hosts.filter((h) => !known.has(h))).toEqual([]);
});
