import { expect, test } from './fixtures.ts';
import { collectErrors, hover } from './content-helpers.ts';
import { LEAVE_GRACE_MS } from '../../src/content/hover.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';

// Issue 15, item 4: hover cards can be pinned and closed, and a related item is followed inside the card with Back.

const CARD = 'secid-lens-root .secid-card';

test('pin keeps the card while the pointer goes elsewhere; Close removes it', async ({ page, site }) => {
  const errors = collectErrors(page);
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await recordCards(page);
  await hover(page, 'ML01', '#link-ml01');
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  const pin = card.locator('.secid-card__pin');
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await expect(pin).toHaveText('Pinned');

  // Away from the card, onto another ID, and a click on the page: the pinned card stays as it was.
  await hover(page, 'CWE-79', '#p-misc');
  await pastHoverDwell(page); // past the hover delay (and the leave grace): a hover card would be on its way by now
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await page.mouse.click(5, 5);
  await expect(card).toBeVisible();

  await card.locator('.secid-card__close').click();
  await expect(page.locator(CARD)).toHaveCount(0);
  // Once closed, the same ID gets its hover card: it is the first card since ML01's, so the pinned one was never
  // replaced.
  await hover(page, 'CWE-79', '#p-misc');
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-79');
  expect(await recordedCards(page)).toEqual([
    'tooltip secid:weakness/owasp/ml-top10#ML01',
    'tooltip secid:weakness/mitre/cwe#CWE-79',
  ]);
  expect(errors).toEqual([]);
});

test('a related item opens inside the card, Back returns, and a modifier-click opens a tab', async ({
  page,
  site,
  context,
}) => {
  await page.goto(`${site.url}/content-basic.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await hover(page, 'AML.T0051', '#p-misc');
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', 'secid:ttp/mitre/atlas#AML.T0051');
  const tabsBefore = context.pages().length;
  const cwe = card.locator('.secid-card__related li[data-secid="secid:weakness/mitre/cwe#CWE-1427"] .secid-card__link');
  await cwe.click();
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-1427');
  expect(context.pages().length).toBe(tabsBefore);
  const back = card.locator('.secid-card__back');
  await expect(back).toHaveText('← AML.T0051');
  // Following pins the card: the pointer can leave it.
  await expect(card.locator('.secid-card__pin')).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(5, 5);
  await pastHoverDwell(page, LEAVE_GRACE_MS); // an unpinned card would have closed by now
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-1427');
  await back.click();
  await expect(card).toHaveAttribute('data-secid', 'secid:ttp/mitre/atlas#AML.T0051');
  await expect(card.locator('.secid-card__back')).toHaveCount(0);

  const opened = context.waitForEvent('page', (p) => p.url().includes('/src/secid-page/secid-page.html'));
  await card
    .locator('.secid-card__related li[data-secid="secid:weakness/mitre/cwe#CWE-1427"] .secid-card__link')
    .click({ modifiers: ['Control'] });
  const tab = await opened;
  expect(decodeURIComponent(new URL(tab.url()).searchParams.get('q') ?? '')).toBe('secid:weakness/mitre/cwe#CWE-1427');
  await expect(card).toHaveAttribute('data-secid', 'secid:ttp/mitre/atlas#AML.T0051');
});
