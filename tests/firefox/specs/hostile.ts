// The most important hostile-page checks, in Firefox (the Chromium versions: tests/e2e/hostile-card.spec.ts and
// hostile-dom.spec.ts). Page scripts here run in the page's own world (BiDi evaluates there), as a hostile page's do.
import { HOST_TAG, type TestContext } from '../context.ts';
import { assert, assertEqual, type Suite } from '../harness.ts';

const SOURCE = 'https://mltop10.info/ML01_2023-Input_Manipulation_Attack.html';
const CARD = `document.querySelector('${HOST_TAG}')?.shadowRoot?.querySelector('.secid-card[data-secid]')`;

/** Top-level tabs whose URL (or the URL an error page is about) mentions `host`. */
async function tabsAt(t: TestContext, host: string): Promise<{ context: string; url: string }[]> {
  const tree = await t.ff.bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {
    maxDepth: 0,
  });
  return tree.contexts.filter((c) => decodeURIComponent(c.url).includes(host));
}

async function openCard(t: TestContext, tab: string): Promise<void> {
  await t.pointer(tab, [{ type: 'pointerMove', x: 1, y: 1, duration: 0 }]);
  await t.hoverText(tab, 'ML01');
  await t.ff.waitFor(tab, `${CARD}?.dataset.secid === 'secid:weakness/owasp/ml-top10#ML01'`, {
    timeoutMs: 6_000,
    what: 'the card for ML01',
  });
}

export function hostileTests(suite: Suite<TestContext>): void {
  suite.test(
    "hostile: a card link has no href; synthetic clicks open nothing; the user's click opens the URL we resolved",
    async (t) => {
      await t.withTab(`${t.site.url}/hostile-card.html`, async (tab) => {
        await t.requireContentContract(tab);
        await openCard(t, tab);
        const link = await t.ff.evaluate<{ href: boolean; title: string | null }>(
          tab,
          `(() => { const a = ${CARD}.querySelector('.secid-card__open'); return { href: a.hasAttribute('href'), title: a.getAttribute('title') }; })()`,
        );
        assertEqual(link, { href: false, title: SOURCE }, 'the "Open in source" link');
        const before = (await tabsAt(t, 'mltop10.info')).length;
        assert((await t.ff.evaluate<number>(tab, `window.__syntheticClicks()`)) > 1, 'the page clicked the card');
        // The user's click on the link.
        const at = await t.ff.evaluate<{ x: number; y: number }>(
          tab,
          `(() => { const r = ${CARD}.querySelector('.secid-card__open').getBoundingClientRect(); return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) }; })()`,
        );
        await t.pointer(tab, [
          { type: 'pointerMove', x: at.x, y: at.y, duration: 30 },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ]);
        const deadline = Date.now() + 6_000;
        let opened = await tabsAt(t, 'mltop10.info');
        while (opened.length === before && Date.now() < deadline) {
          await new Promise((ok) => setTimeout(ok, 100));
          opened = await tabsAt(t, 'mltop10.info');
        }
        // Exactly one tab: the user's. Had a synthetic click got through, it would have opened first.
        assertEqual(opened.length, before + 1, 'tabs opened at the source');
        for (const o of opened) await t.ff.closeTab(o.context);
      });
    },
    30_000,
  );

  suite.test(
    'hostile: a card the page edits is closed (redirected link, changed text)',
    async (t) => {
      await t.withTab(`${t.site.url}/hostile-card.html`, async (tab) => {
        await t.requireContentContract(tab);
        for (const edit of [`window.__redirectLink('https://evil.example/')`, `window.__editText()`]) {
          await openCard(t, tab);
          assertEqual(await t.ff.evaluate(tab, edit), true, `${edit} reached the card`);
          await t.ff.waitFor(tab, `!${CARD}`, { timeoutMs: 3_000, what: `the card to close after ${edit}` });
        }
      });
    },
    30_000,
  );

  suite.test(
    'hostile: after a card was shown and edited, and on a page styling our element, the page DOM is untouched',
    async (t) => {
      for (const page of ['hostile-card.html', 'hostile-styles.html']) {
        await t.withTab(`${t.site.url}/${page}`, async (tab) => {
          await t.requireContentContract(tab);
          if (page === 'hostile-card.html') {
            await openCard(t, tab);
            await t.ff.evaluate(tab, `window.__insertNode()`);
            await t.ff.waitFor(tab, `!${CARD}`, {
              timeoutMs: 3_000,
              what: 'the card to close after the page added a node',
            });
          }
          const state = await t.ff.evaluate<{ elements: number; served: number }>(
            tab,
            `fetch(location.href).then((r) => r.text()).then((html) => ({
            elements: document.body.getElementsByTagName('*').length - document.body.getElementsByTagName('${HOST_TAG}').length,
            served: new DOMParser().parseFromString(html, 'text/html').body.getElementsByTagName('*').length,
          }))`,
          );
          assertEqual(state.elements, state.served, `${page}: elements in the page body besides our host`);
        });
      }
    },
    30_000,
  );
}
