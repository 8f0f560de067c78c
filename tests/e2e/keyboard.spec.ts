import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';

// Issue 15, item 1: the page's IDs without a mouse: next/previous commands, the shortcut at the caret or focus,
// focus and caret back where they were, and names screen readers read.

const CARD = 'secid-lens-root .secid-card';

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
}

async function tabId(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return (await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  ))!;
}

/** Fires the extension's registered command listener, as the browser does for a shortcut. */
function command(worker: Worker, name: string, tab: number): Promise<void> {
  return worker.evaluate(
    async ([n, id]) => {
      const t = await chrome.tabs.get(id as number);
      (chrome.commands.onCommand as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(n, t);
    },
    [name, tab] as const,
  );
}

test('next/previous commands step through the page IDs with the card following; Escape returns focus', async ({
  page,
  site,
  serviceWorker,
}) => {
  await ready(page, `${site.url}/content-basic.html`);
  const tab = await tabId(serviceWorker, page);
  await page.locator('h1').evaluate((h) => {
    h.tabIndex = -1;
    h.focus();
  });
  const card = page.locator(CARD);
  await command(serviceWorker, 'next-id', tab);
  await expect(card).toHaveAttribute('role', 'dialog');
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await expect(card).toHaveAttribute('aria-label', /^ML01, 1 of \d+ on this page$/);
  await expect(card).toBeFocused();
  await command(serviceWorker, 'next-id', tab);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(card.locator('.secid-card__position')).toHaveText(/^2 of \d+ on this page$/);
  await command(serviceWorker, 'previous-id', tab);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  // Previous from the first wraps to the last ID of the page.
  await command(serviceWorker, 'previous-id', tab);
  const total = Number((await card.getAttribute('aria-label'))!.match(/(\d+) of (\d+)/)![2]);
  await expect(card).toHaveAttribute('aria-label', new RegExp(`, ${total} of ${total} on this page$`));
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.localName)).toBe('h1');
});

test('the shortcut works on the ID at the caret, and the caret comes back after Escape', async ({
  page,
  site,
  serviceWorker,
}) => {
  await ready(page, `${site.url}/content-basic.html`);
  const tab = await tabId(serviceWorker, page);
  await page.evaluate(() => {
    const text = document.querySelector('#p-misc em')!.firstChild!; // "CWE-79"
    getSelection()!.setBaseAndExtent(text, 3, text, 3);
  });
  await command(serviceWorker, 'open-card', tab);
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', /#CWE-79$/);
  await expect(card).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  expect(
    await page.evaluate(() => {
      const s = getSelection()!;
      return [s.anchorNode?.parentElement?.localName, s.anchorOffset, s.isCollapsed];
    }),
  ).toEqual(['em', 3, true]);
});

test('a focused link whose text is an ID shows its card, and the shortcut opens it there', async ({
  page,
  site,
  serviceWorker,
}) => {
  await ready(page, `${site.url}/content-basic.html`);
  const tab = await tabId(serviceWorker, page);
  await page.evaluate(() => getSelection()!.removeAllRanges());
  // Tab to the link, as a keyboard user does.
  await page.locator('h1').evaluate((h) => {
    h.tabIndex = -1;
    h.focus();
  });
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'link-ml01'; i++)
    await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-ml01');
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await expect(card).toHaveAttribute('role', 'tooltip');
  // Screen readers hear what the focused ID is, from a polite live region.
  await expect(page.locator('secid-lens-root [role="status"]')).toHaveText(
    /^ML01: Input Manipulation Attack\. SecID Lens card/,
  );
  await command(serviceWorker, 'open-card', tab);
  await expect(card).toHaveAttribute('role', 'dialog');
  await expect(card).toBeFocused();
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-ml01');
});

test('with no ID at hand the shortcut says what it needs instead of doing nothing', async ({
  page,
  site,
  serviceWorker,
}) => {
  await ready(page, `${site.url}/content-basic.html`);
  const tab = await tabId(serviceWorker, page);
  await page.evaluate(() => {
    getSelection()!.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await command(serviceWorker, 'open-card', tab);
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('role', 'dialog');
  await expect(card.locator('.secid-card__message')).toContainText('No ID here');
});
