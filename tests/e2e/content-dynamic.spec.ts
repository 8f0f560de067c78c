import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { buildReactFixture, collectErrors, hover } from './content-helpers.ts';
import { tabIdOf } from '../support/extension-pages.ts';
import { pageIdTexts } from '../support/hostile.ts';
import { pastHoverDwell, recordCards, recordedCards } from '../support/hover-checks.ts';

const CARD = 'secid-lens-root .secid-card';

/** The page's IDs as the popup asks for them (waking a page whose control stage is not there yet). */
async function pageIds(serviceWorker: Worker, page: Page): Promise<string[]> {
  return pageIdTexts(serviceWorker, await tabIdOf(serviceWorker, page));
}

/** Every range in our highlight still covers live text (React replaced nodes: the underlines moved with them). */
function highlightState(page: Page) {
  return page.evaluate(() => {
    const hl = CSS.highlights.get('secid-lens');
    const ranges = hl ? ([...hl] as AbstractRange[]) : [];
    return {
      size: ranges.length,
      stale: ranges.filter(
        (r) => !r.startContainer.isConnected || r.endOffset > (r.endContainer.textContent ?? '').length,
      ).length,
      texts: ranges.map((r) =>
        r.startContainer === r.endContainer
          ? (r.startContainer.textContent ?? '').slice(r.startOffset, r.endOffset)
          : '',
      ),
    };
  });
}

test.describe('IDs in editors and form fields', () => {
  test('stay unmarked and get no card; IDs around them still work', async ({ page, site, serviceWorker }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}/content-editors.html`);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    expect((await pageIds(serviceWorker, page)).sort()).toEqual(['AML.T0051', 'CWE-79']);
    // Underlines follow in an animation frame after the scan.
    await expect.poll(async () => (await highlightState(page)).texts.sort()).toEqual(['AML.T0051', 'CWE-79']);
    await recordCards(page);
    for (const [text, selector] of [
      ['ML04', '#ce'],
      ['LLM01', '#cm5'],
      ['LLM03', '#monaco'],
      ['LLM07', '#tinymce'],
      ['LLM08', '#textbox'],
    ] as const) {
      await hover(page, text, selector);
      await pastHoverDwell(page);
      await expect(page.locator(CARD)).toHaveCount(0);
    }
    // Typing an ID into a contenteditable region does not mark it either. An ID added outside the editors after the
    // typing is the control: once it is counted, the typed text has been looked at too (changes are taken in order).
    await page.locator('#ce').click();
    await page.keyboard.type(' and CWE-89 typed');
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('p'), { textContent: 'CWE-20' })),
    );
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', '3');
    expect((await pageIds(serviceWorker, page)).sort()).toEqual(['AML.T0051', 'CWE-20', 'CWE-79']);
    await hover(page, 'CWE-79', '#control');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-79$/);
    // The control's card, pointed at after the editors' IDs, is the only one shown.
    expect(await recordedCards(page)).toEqual([expect.stringMatching(/^tooltip secid:.*#CWE-79$/)]);
    expect(errors).toEqual([]);
  });
});

test.describe('open shadow roots', () => {
  test('IDs inside a web component get cards; hosts above text are scanned on the way', async ({
    page,
    site,
    serviceWorker,
  }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}/content-shadow.html`);
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    await expect.poll(() => pageIds(serviceWorker, page)).toEqual(expect.arrayContaining(['CWE-79', 'ML08', 'ML02']));
    // The component has no light text: its shadow root is found under the pointer, scanned, and the card follows.
    const box = (await page.locator('#note').evaluate((el) => {
      const p = el.shadowRoot!.querySelector('#inner')!.firstChild!;
      const r = document.createRange();
      const at = p.textContent!.indexOf('CWE-352');
      r.setStart(p, at);
      r.setEnd(p, at + 7);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }))!;
    await page.mouse.move(box.x - 40, box.y);
    await page.mouse.move(box.x, box.y, { steps: 3 });
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#CWE-352$/);
    await expect.poll(() => pageIds(serviceWorker, page)).toEqual(expect.arrayContaining(['CWE-352', 'LLM01:2025']));
    expect(errors).toEqual([]);
  });
});

test.describe('content that arrives later', () => {
  test('comments added after load, on click, and text edited in place are picked up', async ({
    page,
    site,
    serviceWorker,
  }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}/content-late.html`);
    await expect(page.locator('#late')).toBeVisible();
    await expect
      .poll(() => pageIds(serviceWorker, page))
      .toEqual(expect.arrayContaining(['LLM01:2025', 'CWE-89', 'ML09']));
    expect(await pageIds(serviceWorker, page)).not.toContain('ML01'); // edited away
    await hover(page, 'LLM01:2025', '#late');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', 'secid:weakness/owasp/llm-top10@2.0#LLM01');
    await page.locator('#more').click();
    await expect
      .poll(() => pageIds(serviceWorker, page))
      .toEqual(expect.arrayContaining(['ML02', 'ML03', 'ML04', 'ML05', 'ML06']));
    await hover(page, 'ML06', '#comments .comment:last-child');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML06$/);
    // The ticking counter keeps mutating; the scan settles between ticks and the count stays right.
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-ids', '8');
    expect(errors).toEqual([]);
  });
});

test.describe('changes that join, split or move text', () => {
  test('each rescan finds what the change made or broke, and counts nothing twice', async ({
    page,
    site,
    serviceWorker,
  }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}/content-late.html`);
    const host = page.locator('secid-lens-root');
    await expect.poll(() => pageIds(serviceWorker, page)).toContain('ML09');
    const before = Number(await host.getAttribute('data-ids'));
    const ids = () => pageIds(serviceWorker, page);
    // A block arrives with an ID split over an inline element.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.id = 'changes';
      div.innerHTML =
        '<p id="c1">see CVE-2024-<span>3094</span> now</p><p id="c2">ref <b>ML0</b></p>' +
        '<p id="c3">CWE-<br>79</p><p id="c4">LLM0<i>2</i> here</p>';
      document.body.append(div);
    });
    await expect.poll(ids).toEqual(expect.arrayContaining(['CVE-2024-3094', 'LLM02']));
    expect(await ids()).not.toContain('CWE-79'); // the <br> parts it
    // Text added inside an inline element completes an ID.
    await page.evaluate(() => document.querySelector('#c2 b')!.append('3'));
    await expect.poll(ids).toContain('ML03');
    // Removing the <br> joins the two runs into one ID.
    await page.evaluate(() => document.querySelector('#c3 br')!.remove());
    await expect.poll(ids).toContain('CWE-79');
    // A block put between the two parts of an ID splits it.
    await page.evaluate(() => document.querySelector('#c4 i')!.before(document.createElement('div')));
    await expect.poll(ids).not.toContain('LLM02');
    // A block moved elsewhere keeps its ID, once.
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.append(document.getElementById('c1')!);
      document.body.prepend(section);
    });
    await page.waitForTimeout(300);
    await expect(host).toHaveAttribute('data-scan', 'done');
    expect(await ids()).toEqual(expect.arrayContaining(['CVE-2024-3094', 'ML03', 'CWE-79']));
    // CVE-2024-3094, ML03 and CWE-79 on top of what the page had.
    await expect(host).toHaveAttribute('data-ids', String(before + 3));
    await hover(page, 'CVE-2024-', 'section'); // the ID's first text node
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /CVE-2024-3094/);
    expect(errors).toEqual([]);
  });
});

test.describe('a GitHub-like issue page rendered by React', () => {
  test.beforeAll(async () => {
    await buildReactFixture();
  });

  test('re-renders do not crash, highlights follow, soft navigation and loaded comments are scanned', async ({
    page,
    site,
    serviceWorker,
  }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}/github-issue.html`);
    await expect(page.locator('#i1-c1')).toBeVisible();
    await expect(page.locator('secid-lens-root')).toHaveAttribute('data-scan', 'done');
    const ids1 = await pageIds(serviceWorker, page);
    expect(ids1).toEqual(
      expect.arrayContaining([
        'ML03',
        'ML01',
        'secid:weakness/owasp/ml-top10#ML01',
        'CWE-20',
        'CVE-2024-3094',
        'AML.T0051',
        'LLM01:2025',
        'ML07',
      ]),
    );
    for (const lookalike of ['HTML01', 'ML011', 'LLM2', 'ML09']) expect(ids1).not.toContain(lookalike); // ML09 is in the comment textarea

    // The relative times re-render every 150 ms; cards keep working and the underlines stay on live text.
    await hover(page, 'ML03', '#i1-link');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML03$/);
    // Four re-renders later (counted by the page's own "N seconds ago"), not after a fixed pause.
    const tick = async () => parseInt((await page.locator('relative-time').first().textContent()) ?? '', 10);
    const tick0 = await tick();
    await expect.poll(tick).toBeGreaterThanOrEqual(tick0 + 4);
    let hl = await highlightState(page);
    expect(hl.stale).toBe(0);
    expect(hl.size).toBeGreaterThan(5);

    // An edit changes an ID in place.
    await page.locator('#edit').click();
    await expect(page.locator('#editable')).toContainText('ML08');
    await expect.poll(() => pageIds(serviceWorker, page)).toContain('ML08');
    expect(await pageIds(serviceWorker, page)).not.toContain('ML07');
    await hover(page, 'ML08', '#editable');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /#ML08$/);

    // Comments loaded on click.
    await page.locator('#load-more').click();
    await expect.poll(() => pageIds(serviceWorker, page)).toEqual(expect.arrayContaining(['CWE-80', 'CWE-81']));

    // Soft navigation to the second issue: React swaps the whole main element.
    await page.locator('#nav-2').click();
    await expect(page.locator('#i2-c1')).toBeVisible();
    await expect
      .poll(() => pageIds(serviceWorker, page))
      .toEqual(expect.arrayContaining(['LLM01', 'LLM02', 'T1059.003']));
    const ids2 = await pageIds(serviceWorker, page);
    expect(ids2).not.toContain('ML03');
    await hover(page, 'LLM02', '#i2-c1');
    await expect(page.locator(CARD)).toHaveAttribute('data-secid', /llm-top10.*#LLM02$/);
    await expect.poll(async () => (await highlightState(page)).texts).toContain('LLM02');
    hl = await highlightState(page);
    expect(hl.stale).toBe(0);
    expect(hl.texts).not.toContain('ML03');

    // And back (popstate).
    await page.goBack();
    await expect(page.locator('#i1-c1')).toBeVisible();
    await expect.poll(() => pageIds(serviceWorker, page)).toContain('ML03');
    expect(await page.locator('secid-lens-root').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
