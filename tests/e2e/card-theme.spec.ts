import { expect, test } from './fixtures.ts';
import { hover } from './content-helpers.ts';
import { resetExtension, storeSettings } from '../support/extension-pages.ts';

// Issue 15, item 10: cards match the page they are on by default, and fit a narrow viewport.

const CARD = 'secid-lens-root .secid-card';

test.beforeEach(async ({ context, serviceWorker, page }) => {
  await resetExtension(context, serviceWorker, page);
});

test('by default the card matches the page background, not the system scheme', async ({
  page,
  site,
  serviceWorker,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${site.url}/dark-page.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await hover(page, 'ML01', '#dark');
  await expect(page.locator(CARD)).toHaveAttribute('data-theme', 'dark');
  // A light box on the same page gets a light card.
  await hover(page, 'ML03', '#light');
  await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML03$/);
  await expect(page.locator(CARD)).toHaveAttribute('data-theme', 'light');
  // "Same as the system" still exists.
  await storeSettings(serviceWorker, { theme: 'auto' });
  await page.mouse.move(1, 1);
  await expect(page.locator(CARD)).toHaveCount(0);
  await hover(page, 'ML01', '#dark');
  await expect(page.locator(CARD)).toHaveAttribute('data-theme', 'light');
});

test('in a small viewport the card stays inside it and says when there is more below', async ({ page, site }) => {
  await page.setViewportSize({ width: 400, height: 320 });
  await page.goto(`${site.url}/dark-page.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  await hover(page, 'AML.T0051', '#dark');
  const card = page.locator(CARD);
  await expect(card.locator('.secid-card__related')).toBeAttached();
  const box = await page.evaluate(() => {
    const frame = document.querySelector('secid-lens-root')!.shadowRoot!.querySelector<HTMLElement>('.frame')!;
    const r = frame.getBoundingClientRect();
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      clipped: frame.scrollHeight > frame.clientHeight + 4,
      more: frame.hasAttribute('data-more'),
    };
  });
  // Inside the viewport, at least a third of its height tall, and a clipped card shows its "more" edge.
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(400);
  expect(box.bottom).toBeLessThanOrEqual(320);
  expect(box.bottom - box.top).toBeGreaterThanOrEqual(140);
  // This card (description, editions, related) is taller than 320 px: it is clipped, and says so.
  expect(box.clipped).toBe(true);
  expect(box.more).toBe(true);
  {
    await page.evaluate(() => {
      const frame = document.querySelector('secid-lens-root')!.shadowRoot!.querySelector<HTMLElement>('.frame')!;
      frame.scrollTop = frame.scrollHeight;
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('secid-lens-root')!.shadowRoot!.querySelector('.frame')!.hasAttribute('data-more'),
        ),
      )
      .toBe(false);
  }
});
