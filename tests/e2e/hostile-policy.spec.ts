import { expect, test } from './fixtures.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';
import { CARD, hoverBox, pageIdTexts, tabOf, watchPage } from '../support/hostile.ts';

const STRICT =
  "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

test("a strict Content-Security-Policy: the page's own inline code is refused, our underline and styled card still work", async ({
  page,
  site,
  serviceWorker,
}) => {
  const watch = watchPage(page);
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = violations;
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}`),
    );
  });
  await page.goto(`${site.url}/hostile-csp.html?csp=${encodeURIComponent(STRICT)}`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // The policy is in force: the page's inline script did not run, its inline styles were not applied.
  expect(
    await page.evaluate(() => ({
      ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false,
      bg: getComputedStyle(document.body).backgroundColor,
      color: getComputedStyle(document.getElementById('p2')!).color,
    })),
  ).toEqual({ ran: false, bg: 'rgba(0, 0, 0, 0)', color: 'rgb(0, 0, 0)' });

  const tab = await tabOf(serviceWorker, page);
  expect((await pageIdTexts(serviceWorker, tab)).sort()).toEqual(['CVE-2024-3094', 'CWE-79', 'LLM01:2025', 'ML01']);
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('secid-lens')?.size ?? 0)).toBeGreaterThan(0);
  const card = page.locator(CARD);
  await hoverBox(page, page.locator('#s-llm'));
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/llm-top10@2.0#LLM01');
  // Styled by our constructed stylesheet (style-src does not govern it) and placed by script: a real card, on screen.
  const look = await card.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      bg: getComputedStyle(el).backgroundColor,
      radius: getComputedStyle(el).borderTopLeftRadius,
      position: getComputedStyle(el.parentElement!).position,
      onScreen: r.width > 100 && r.top >= 0 && r.bottom <= innerHeight,
    };
  });
  expect(look).toEqual({ bg: 'rgb(255, 255, 255)', radius: '8px', position: 'fixed', onScreen: true });
  await hoverBox(page, page.locator('#c-cwe'));
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/mitre/cwe#CWE-79');

  // The only refusals are of the page's own inline script and styles; none is ours.
  const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  expect(violations.length).toBeGreaterThanOrEqual(2);
  for (const v of violations) expect(v).not.toMatch(/chrome-extension|secid/i);
  expect(watch.ours).toEqual([]);
  expect(watch.dialogs).toEqual([]);
});

test('page styles aimed at our element (display: none, opacity: 0, scale(0), clip-path, tiny fonts, !important) change nothing in the card', async ({
  page,
  site,
}) => {
  const watch = watchPage(page);
  await page.goto(`${site.url}/hostile-styles.html`);
  await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
  // The page's rules do match our host (the test would notice if they did not apply at all)...
  expect(
    await page.evaluate(() =>
      [...document.styleSheets]
        .flatMap((s) => [...s.cssRules])
        .some((r) => r instanceof CSSStyleRule && document.querySelector('secid-lens-root')!.matches(r.selectorText)),
    ),
  ).toBe(true);
  await hoverBox(page, page.locator('#c-ml01'));
  const card = page.locator(CARD);
  await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
  await expect(card).toBeVisible();
  // ...but the shadow root's !important :host rules win over a page's !important ones.
  const look = await card.evaluate((el) => {
    const host = getComputedStyle(document.querySelector('secid-lens-root')!);
    const r = el.getBoundingClientRect();
    return {
      host: [
        host.display,
        host.visibility,
        host.opacity,
        host.transform,
        host.clipPath,
        host.position,
        host.pointerEvents,
        host.contentVisibility,
      ],
      card: [getComputedStyle(el).fontSize, getComputedStyle(el).letterSpacing, getComputedStyle(el).color],
      onScreen: r.width > 200 && r.height > 50 && r.top >= 0 && r.bottom <= innerHeight,
    };
  });
  expect(look).toEqual({
    host: ['block', 'visible', '1', 'none', 'none', 'fixed', 'auto', 'visible'],
    card: ['13px', 'normal', 'rgb(27, 31, 36)'],
    onScreen: true,
  });
  await page.keyboard.press('Escape');
  await hoverBox(page, page.locator('#s-cve'));
  await expect(card).toHaveAttribute('data-secid', 'secid:advisory/mitre/cve#CVE-2024-3094');
  expect(watch.ours).toEqual([]);
});

test('frames: the top document works; framed documents (same origin, other host, srcdoc) are left alone', async ({
  page,
  site,
}) => {
  const watch = watchPage(page);
  for (const origin of [site.url, site.url.replace('127.0.0.1', 'localhost')]) {
    await page.goto(`${origin}/hostile-frames.html`);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(3);
    for (const f of frames) await f.waitForLoadState();
    const other = page.frameLocator('#other');
    await expect(other.locator('#c-frame')).toHaveText('CVE-2024-3094');
    expect(new URL(page.frame({ url: /who=other/ })!.url()).hostname).toBe(
      origin.includes('localhost') ? '127.0.0.1' : 'localhost',
    );

    // Top document: found and carded.
    const card = page.locator(CARD);
    await hoverBox(page, page.locator('#c-ml01'));
    await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    await recordCards(page);
    // Framed documents: no host, no underline in them, and pointing at their IDs opens nothing.
    for (const f of frames) {
      expect(
        await f.evaluate(() => ({
          hosts: document.querySelectorAll('secid-lens-root').length,
          hl: CSS.highlights.size,
        })),
      ).toEqual({ hosts: 0, hl: 0 });
    }
    for (const [frame, id] of [
      ['#same', '#c-frame'],
      ['#other', '#c-frame'],
      ['#inline', '#c-inline'],
    ] as const) {
      await hoverBox(page, page.frameLocator(frame).locator(id));
      await pastHoverDwell(page);
      await expect(card, `${frame} ${id}`).toHaveCount(0);
    }
    // The top document's ID, pointed at next, gets its card: the only one shown since the frames were pointed at.
    await hoverBox(page, page.locator('#c-ml01'));
    await expect(card).toHaveAttribute('data-secid', 'secid:weakness/owasp/ml-top10#ML01');
    expect(await recordedCards(page)).toEqual(['tooltip secid:weakness/owasp/ml-top10#ML01']);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.querySelectorAll('secid-lens-root').length)).toBe(1);
  }
  expect(watch.ours).toEqual([]);
  expect(watch.theirs).toEqual([]);
});
