import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension, stubExternalSites } from '../support/extension-pages.ts';

// Issue 15, items 2 and 7: ranking shared by the popup, omnibox and SecID page, and honest "no match" messages.

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
  await stubExternalSites(context);
});

async function popup(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(extensionPage(extensionId, 'popup/popup.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
}

const codes = (page: Page) => page.locator('#results [role="option"] .code').allTextContents();

/** The computed colour of an element next to the page's error colour: "not red" is checked against the real palette. */
async function colours(page: Page, selector: string): Promise<{ text: string; error: string }> {
  return page.evaluate((sel) => {
    const probe = document.createElement('span');
    probe.className = 'error';
    document.body.append(probe);
    const error = getComputedStyle(probe).color;
    probe.remove();
    return { text: getComputedStyle(document.querySelector(sel)!).color, error };
  }, selector);
}

test('popup: an exact ID first, then its whole list in natural order', async ({ page, extensionId }) => {
  await popup(page, extensionId);
  await page.locator('#q').fill('ML03');
  await expect(page.locator('#results [role="option"]').first()).toContainText('Model Inversion Attack');
  expect((await codes(page)).slice(0, 10)).toEqual([
    'ML03',
    'ML01',
    'ML02',
    'ML04',
    'ML05',
    'ML06',
    'ML07',
    'ML08',
    'ML09',
    'ML10',
  ]);
});

test('popup: a prefix lists the current edition in order', async ({ page, extensionId }) => {
  await popup(page, extensionId);
  await page.locator('#q').fill('llm');
  await expect(page.locator('#results [role="option"]').first()).toContainText('LLM01');
  expect((await codes(page)).slice(0, 4)).toEqual(['LLM01', 'LLM02', 'LLM03', 'LLM04']);
  await expect(page.locator('#message')).toBeHidden();
});

test('popup: nothing found is said plainly, with what to try, and is not red', async ({ page, extensionId }) => {
  await popup(page, extensionId);
  await page.locator('#q').fill('zzqxv nothing');
  const message = page.locator('#message');
  await expect(message).toContainText('Nothing in the registry matches “zzqxv nothing”.');
  await expect(message.locator('.message__hint')).toContainText('ml-top10#ML03');
  await expect(page.locator('#results')).toBeHidden();
  await expect(message).not.toHaveClass(/error/);
  const c = await colours(page, '#message');
  expect(c.text).not.toBe(c.error);

  // An ID-like text no list knows: what was searched, not an error.
  await page.locator('#q').fill('QQZ42');
  await expect(message.locator('.message__what')).toHaveText('“QQZ42” is not an ID in any list the registry knows.');
  await expect(message).not.toHaveClass(/error/);
});

test('SecID page: a word that is not an ID gets its matches under a neutral line', async ({ page, extensionId }) => {
  await page.goto(extensionPage(extensionId, `secid-page/secid-page.html?q=llm`));
  await expect(page.locator('#status .verdict')).toHaveText('“llm” is not an ID the registry knows.');
  await expect(page.locator('#suggestions li').first()).toContainText('LLM01');
  const c = await colours(page, '#status .verdict');
  expect(c.text).not.toBe(c.error);
  await expect(page.locator('#status .detail')).toHaveCount(0);

  await page.goto(extensionPage(extensionId, `secid-page/secid-page.html?q=${encodeURIComponent('zzqxv nothing')}`));
  await expect(page.locator('#status .verdict')).toHaveText('Nothing in the registry matches “zzqxv nothing”.');
  await expect(page.locator('#status .hint')).toContainText('Try a word from the title');
  await expect(page.locator('#suggestions')).toBeHidden();
});

function suggestionsFor(worker: Worker, text: string): Promise<{ content: string; description: string }[]> {
  return worker.evaluate(
    (t) =>
      new Promise<{ content: string; description: string }[]>((resolve) => {
        (chrome.omnibox.onInputChanged as unknown as { dispatch: (...args: unknown[]) => void }).dispatch(t, resolve);
      }),
    text,
  );
}

test('omnibox: `llm` suggests LLM01, LLM02, … in order and gibberish suggests nothing', async ({ serviceWorker }) => {
  const llm = await suggestionsFor(serviceWorker, 'llm');
  expect(llm.map((s) => s.content.replace(/^.*#/, ''))).toEqual(['LLM01', 'LLM02', 'LLM03', 'LLM04', 'LLM05', 'LLM06']);
  expect(await suggestionsFor(serviceWorker, 'zzqxv nothing')).toEqual([]);
});
