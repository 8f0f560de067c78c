import { readFileSync } from 'node:fs';
import type { Page, Route, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';
import { extensionPage, resetExtension, storeSettings } from '../support/extension-pages.ts';

/*
 * Live details (opt-in). The OSV.dev API is answered locally by Playwright's router with a record in the documented
 * shape (tests/fixtures/osv); the suite never reaches the internet. A headless browser cannot click "Allow" on the
 * permission prompt, so where a test needs the optional permission granted it stands in for the browser's answer.
 */
const CARD = 'secid-lens-root .secid-card';
const RECORD = readFileSync('tests/fixtures/osv/GHSA-jfh8-c2jp-5v3q.json', 'utf8');

async function answerOsv(page: Page, asked: string[]): Promise<void> {
  await page.context().route('https://api.osv.dev/**', (route: Route) => {
    const request = route.request();
    asked.push(
      `${request.method()} ${request.url()} cookie=${request.headers().cookie ?? ''} referer=${request.headers().referer ?? ''}`,
    );
    if (request.url().endsWith('/v1/vulns/CVE-2021-44228'))
      return route.fulfill({ status: 200, contentType: 'application/json', body: RECORD });
    return route.fulfill({ status: 500, contentType: 'application/json', body: '{"code":13,"message":"internal"}' });
  });
}

/** The browser's answer to the permission check, as if the user had allowed api.osv.dev. */
async function grantOsv(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const perms = chrome.permissions as unknown as { contains: unknown };
    const saved = globalThis as unknown as { realContains?: unknown };
    saved.realContains ??= perms.contains;
    perms.contains = (_p: unknown, callback?: (ok: boolean) => void) => {
      callback?.(true);
      return Promise.resolve(true);
    };
  });
}

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
}

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

test.afterEach(async ({ context, serviceWorker }) => {
  await context.unroute('https://api.osv.dev/**');
  // The browser is shared with the next spec files: give the permission check back to the browser.
  await serviceWorker.evaluate(() => {
    const saved = globalThis as unknown as { realContains?: unknown };
    if (saved.realContains) (chrome.permissions as unknown as { contains: unknown }).contains = saved.realContains;
  });
});

test('off by default: no request, the card is the offline card', async ({ page, site, serviceWorker }) => {
  const asked: string[] = [];
  await answerOsv(page, asked);
  await grantOsv(serviceWorker); // even with the permission, the setting decides
  await ready(page, `${site.url}/content-basic.html`);
  await hover(page, 'CVE-2021-44228', '#p-kev');
  const card = page.locator(CARD);
  await expect(card.locator('.secid-card__kev')).toHaveText('Known exploited');
  expect(await serviceWorker.evaluate(() => chrome.runtime.id)).toBeTruthy();
  await page.waitForTimeout(500);
  await expect(card.locator('.secid-card__live')).toHaveCount(0);
  expect(asked).toEqual([]);
});

test('on, with the permission: only the ID is sent, details show under the offline facts; a failing API changes nothing', async ({
  page,
  site,
  serviceWorker,
}) => {
  const asked: string[] = [];
  await answerOsv(page, asked);
  await grantOsv(serviceWorker);
  await storeSettings(serviceWorker, { version: 1, liveDetails: true });
  await ready(page, `${site.url}/content-basic.html`);

  await hover(page, 'CVE-2021-44228', '#p-kev');
  const card = page.locator(CARD);
  const live = card.locator('.secid-card__live');
  await expect(live).toContainText('Test fixture: remote code execution in a logging library');
  await expect(live.locator('dd code').first()).toHaveText('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
  await expect(live).toContainText('only the ID was sent');
  // Under the offline facts, which are unchanged.
  await expect(card.locator('.secid-card__title')).toHaveText('Apache Log4j2 Remote Code Execution Vulnerability');
  expect(asked).toEqual(['GET https://api.osv.dev/v1/vulns/CVE-2021-44228 cookie= referer=']);

  // From the cache the second time.
  await page.keyboard.press('Escape');
  await hover(page, 'CVE-2021-44228', '#p-kev');
  await expect(live).toBeVisible();
  expect(asked).toHaveLength(1);

  // The API fails for another CVE: the offline card stays as it is, and a second hover does not ask again.
  await page.keyboard.press('Escape');
  await hover(page, 'CVE-2024-3094', '#p-misc');
  await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2024-3094');
  await expect.poll(() => asked.length).toBe(2);
  // The worker keeps the failure before it answers the card: once kept, the answer is on its way.
  await expect
    .poll(() =>
      serviceWorker.evaluate(async () => Object.keys(await chrome.storage.local.get('live:CVE-2024-3094')).length),
    )
    .toBe(1);
  await expect(live).toHaveCount(0);
  await page.keyboard.press('Escape');
  await hover(page, 'CVE-2024-3094', '#p-misc');
  await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2024-3094');
  await page.waitForTimeout(300);
  expect(asked).toHaveLength(2);
  expect(
    await serviceWorker.evaluate(async () =>
      Object.keys(await chrome.storage.local.get(null))
        .filter((k) => k.startsWith('live:'))
        .sort(),
    ),
  ).toEqual(['live:CVE-2021-44228', 'live:CVE-2024-3094']);
});

test('the options page asks for the permission when turned on, and turning off gives it back and empties the cache', async ({
  page,
  extensionId,
  serviceWorker,
}) => {
  await page.goto(extensionPage(extensionId, 'options/options.html'));
  const box = page.locator('#live-details');
  await expect(box).not.toBeChecked();
  await expect(page.locator('#live-help')).toContainText('nothing else');
  // Record what the page asks the browser for, and answer "allowed" as the user would.
  await page.evaluate(() => {
    const calls: unknown[] = [];
    (window as unknown as { permissionCalls: unknown[] }).permissionCalls = calls;
    const answer = (name: string) => (p: unknown, callback?: (ok: boolean) => void) => {
      calls.push([name, p]);
      callback?.(true);
      return Promise.resolve(true);
    };
    const perms = chrome.permissions as unknown as Record<string, unknown>;
    perms.request = answer('request');
    perms.remove = answer('remove');
  });
  await box.check();
  await expect
    .poll(
      async () =>
        (
          (await serviceWorker.evaluate(() => chrome.storage.sync.get('settings'))) as {
            settings?: { liveDetails?: boolean };
          }
        ).settings?.liveDetails,
    )
    .toBe(true);
  await serviceWorker.evaluate(() =>
    chrome.storage.local.set({ 'live:CVE-2021-44228': { at: 1, answer: { status: 'none' } }, other: 1 }),
  );
  await box.uncheck();
  await expect
    .poll(
      async () =>
        (
          (await serviceWorker.evaluate(() => chrome.storage.sync.get('settings'))) as {
            settings?: { liveDetails?: boolean };
          }
        ).settings?.liveDetails,
    )
    .toBe(false);
  await expect
    .poll(() => serviceWorker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).sort()))
    .toEqual(['other']);
  expect(await page.evaluate(() => (window as unknown as { permissionCalls: unknown[] }).permissionCalls)).toEqual([
    ['request', { origins: ['https://api.osv.dev/*'] }],
    ['remove', { origins: ['https://api.osv.dev/*'] }],
  ]);
});
