import { expect, test } from './fixtures.ts';
import { extensionPage, resetExtension } from '../support/extension-pages.ts';
import type { Page } from '@playwright/test';

test.beforeEach(async ({ context, serviceWorker, page, extensionId }) => {
  await resetExtension(context, serviceWorker, page);
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(extensionPage(extensionId, 'popup/popup.html'));
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
});

/** Pastes like a user: a real paste event into the focused box (the popup listens to `input`). */
async function paste(page: Page, text: string): Promise<void> {
  const box = page.locator('#q');
  await box.fill('');
  await box.focus();
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const box = document.querySelector<HTMLInputElement>('#q')!;
    if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      // The browser inserts pasted text itself; a synthetic event needs the insertion done for it.
      document.execCommand('insertText', false, value);
    }
  }, text);
  await expect(box).toHaveValue(text);
}

const firstCard = (page: Page) => page.locator('#results [role="option"]').first().locator('.secid-card');

test('a full SecID with a SecID 1.0 namespace resolves to its card, both forms and the URL', async ({ page }) => {
  await paste(page, 'secid:weakness/owasp.org/ml-top10@2023#ML01');
  const card = firstCard(page);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10@2023#ML01');
  await expect(card.locator('.secid-card__title')).toHaveText('Input Manipulation Attack');
  await expect(card.locator('.secid-card__secid code')).toHaveText('secid:weakness/owasp/ml-top10@2023#ML01');
  await expect(card.locator('.secid-card__v1 code')).toHaveText('secid:weakness/owasp.org/ml-top10@2023#ML01');
  await expect(card.locator('.card-url a')).toHaveAttribute(
    'href',
    'https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html',
  );
  await expect(card.locator('.card-more a')).toHaveAttribute(
    'href',
    /secid-page\.html\?q=secid%3Aweakness%2Fowasp%2Fml-top10%402023%23ML01$/,
  );
  await expect(page.locator('#message')).toBeHidden();
});

test('a partial SecID and bare IDs resolve', async ({ page }) => {
  await paste(page, 'ml-top10#ML03');
  await expect(firstCard(page)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
  await expect(firstCard(page).locator('.secid-card__title')).toHaveText('Model Inversion Attack');

  // Edition-dependent: one row per edition, the card lists both and says which it shows first.
  await paste(page, 'LLM04');
  const rows = page.locator('#results [role="option"].resolved');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('.meta')).toHaveText('OWASP LLM Top 10 · 2025');
  await expect(rows.nth(1).locator('.meta')).toHaveText('OWASP LLM Top 10 · 2023');
  await expect(firstCard(page).locator('.secid-card__editions li')).toHaveCount(2);
  await expect(firstCard(page).locator('.secid-card__editions')).toContainText('Model Denial of Service');

  // A CVE listed by several databases: one row, its card names the others.
  await paste(page, 'CVE-2024-3094');
  await expect(page.locator('#results [role="option"].resolved')).toHaveCount(1);
  await expect(firstCard(page)).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2024-3094');
  await expect(firstCard(page).locator('.secid-card__others')).toContainText('NVD');
  await expect(firstCard(page).locator('.card-url a')).toHaveAttribute(
    'href',
    'https://www.cve.org/CVERecord?id=CVE-2024-3094',
  );
});

test('bad input gets a precise message', async ({ page }) => {
  const message = page.locator('#message');
  await paste(page, 'secid:weaknes/owasp/ml-top10#ML01');
  // Issue 15: a SecID we cannot place is a note, not an error (was red).
  await expect(message).not.toHaveClass(/error/);
  await expect(message).toContainText('Unknown type "weaknes"');
  await expect(message).toContainText('advisory, weakness, ttp, control');
  await expect(message).toContainText('Did you mean weakness?');

  await paste(page, 'secid:weakness/owsap/ml-top10#ML01');
  await expect(message).toContainText('Unknown namespace "owsap"');
  await expect(message).toContainText('Nearest known: owasp');

  await paste(page, 'ML11');
  await expect(message.locator('.message__what')).toHaveText(
    'ML11 is not an item of OWASP ML Top 10, which has ML01–ML10.',
  );
  // The list itself is offered, not opened as if it were the answer.
  await expect(page.locator('#results [role="option"]').first()).toContainText('OWASP ML Top 10');
  await expect(firstCard(page)).toHaveCount(0);

  // Fixed by typing: the message goes.
  await page.locator('#q').press('Backspace');
  await page.locator('#q').press('Backspace');
  await page.locator('#q').pressSequentially('03');
  await expect(message).toBeHidden();
  await expect(firstCard(page)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
});

test('text pasted before the registry loaded is resolved when it arrives', async ({ page, extensionId }) => {
  await page.goto(extensionPage(extensionId, 'popup/popup.html'));
  // Type at once, without waiting for data-ready.
  await page.locator('#q').fill('ML03');
  await expect(firstCard(page)).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML03');
});

test('a SecID only the imported SecID 1.0 registry knows resolves once its shard is read (CSA Cloud Controls Matrix)', async ({
  page,
}) => {
  await paste(page, 'secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12');
  const card = firstCard(page);
  await expect(card).toHaveAttribute('data-secid', 'secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12');
  await expect(card.locator('.card-url a')).toHaveAttribute(
    'href',
    'https://cloudsecurityalliance.org/research/cloud-controls-matrix',
  );
  await expect(page.locator('#message')).toBeHidden();
});
