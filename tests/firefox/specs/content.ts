// The content script in Firefox: detection on a fixture page, then the hover card through the contract
// <secid-lens-root> (open shadow root) > [role="tooltip"][data-secid], data-scan="done" and data-ids on the host.
import { HOST_TAG, type TestContext } from '../context.ts';
import { assert, assertEqual, type Suite } from '../harness.ts';

const EXPECTED = [
  'ML01',
  'ML03',
  'LLM01:2025',
  'LLM02',
  'CVE-2024-3094',
  'CWE-79',
  'secid:weakness/owasp/ml-top10#ML01',
];
const LOOKALIKES = ['HTML01', 'ML011', 'XML10', 'LLM2', 'ML10'];

/** The visible card in the host's shadow root, or null. */
const CARD = `(() => {
  const card = document.querySelector('${HOST_TAG}')?.shadowRoot?.querySelector(':is([role="tooltip"], [role="dialog"])[data-secid]');
  if (!card) return null;
  const r = card.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(card).visibility !== 'hidden' ? { secid: card.dataset.secid, text: card.textContent, role: card.getAttribute('role') } : null;
})()`;

async function expectCard(t: TestContext, tab: string, secid: string, title: string, after: string): Promise<void> {
  const card = await t.ff
    .waitFor<{ secid: string; text: string }>(
      tab,
      `(() => { const c = ${CARD}; return c?.secid === ${JSON.stringify(secid)} ? c : null; })()`,
      {
        timeoutMs: 6_000,
        what: `a card for ${secid} ${after}`,
      },
    )
    .catch(async (error: Error) => {
      const seen = await t.ff.evaluate(tab, CARD);
      throw new Error(`${error.message.split(' (last')[0]}; card shown: ${JSON.stringify(seen)}`);
    });
  assert(card.text.includes(title), `the card for ${secid} should say "${title}", it says: ${card.text.slice(0, 200)}`);
}

/** Moves the pointer away and waits for the card to close, so the next hover starts from nothing. */
async function dismiss(t: TestContext, tab: string): Promise<void> {
  await t.pointer(tab, [{ type: 'pointerMove', x: 2, y: 2, duration: 0 }]);
  await t.ff.waitFor(tab, `!(${CARD})`, { timeoutMs: 3_000, what: 'the card to close after the pointer left' });
}

export function contentTests(suite: Suite<TestContext>): void {
  suite.test(
    'the content script finds the IDs of a page and ignores look-alikes (asked from an extension page)',
    async (t) => {
      const url = `${t.site.url}/demo.html`;
      await t.withTab(url, async () => {
        const tabId = await t.tabId(url);
        const ask = `browser.tabs.sendMessage(${tabId}, { type: 'page-ids' })`;
        // The content script runs at document_idle: ask until it answers.
        const found = await t.ff.waitFor<{ text: string }[]>(t.control, `${ask}.catch(() => null)`, {
          what: 'an answer from the content script',
        });
        const texts = found.map((f) => f.text);
        assertEqual(
          EXPECTED.filter((id) => !texts.includes(id)),
          [],
          'IDs not found',
        );
        assertEqual(
          LOOKALIKES.filter((id) => texts.includes(id)),
          [],
          'look-alikes reported as IDs',
        );
      });
    },
  );

  suite.test(`one <${HOST_TAG}> host per page, marked data-scan="done" with the ID count`, async (t) => {
    await t.withTab(`${t.site.url}/demo.html`, async (tab) => {
      await t.requireContentContract(tab);
      const host = await t.ff.evaluate<{ count: number; ids: string; open: boolean; inBody: boolean }>(
        tab,
        `(() => { const h = document.querySelectorAll('${HOST_TAG}'); return { count: h.length, ids: h[0].dataset.ids, open: !!h[0].shadowRoot, inBody: document.documentElement.contains(h[0]) }; })()`,
      );
      assertEqual([host.count, host.open, host.inBody], [1, true, true], 'one attached host with an open shadow root');
      assert(
        /^\d+$/.test(host.ids) && Number(host.ids) >= EXPECTED.length,
        `data-ids should count at least ${EXPECTED.length} IDs, is "${host.ids}"`,
      );
    });
  });

  suite.test('hovering an ID opens its card with the right meaning; leaving closes it', async (t) => {
    await t.withTab(`${t.site.url}/demo.html`, async (tab) => {
      await t.requireContentContract(tab);
      await t.hoverText(tab, 'ML03');
      await expectCard(t, tab, 'secid:weakness/owasp/ml-top10#ML03', 'Model Inversion Attack', 'after hovering ML03');
      await dismiss(t, tab);
      await t.hoverText(tab, 'LLM01:2025');
      await expectCard(
        t,
        tab,
        'secid:weakness/owasp/llm-top10@2.0#LLM01',
        'Prompt Injection',
        'after hovering LLM01:2025',
      );
      await dismiss(t, tab);
      // Hovering plain text near IDs opens nothing.
      await t.hoverText(tab, 'Threat model notes');
      await new Promise((ok) => setTimeout(ok, 800));
      assertEqual(await t.ff.evaluate(tab, CARD), null, 'card after hovering a heading without IDs');
    });
  });

  suite.test(
    'the text under the pointer is found in a link, a table cell, bold text and wrapped lines (Firefox caret API)',
    async (t) => {
      // The standard document.caretPositionFromPoint is Firefox's own API (Chromium has it since 128, next to the
      // older caretRangeFromPoint, which Firefox ESR 153 also has): the content script must work from the standard one.
      await t.withTab(`${t.site.url}/ff-layout.html`, async (tab) => {
        assertEqual(
          await t.ff.evaluate(tab, `typeof document.caretPositionFromPoint`),
          'function',
          'caretPositionFromPoint in this Firefox',
        );
        await t.requireContentContract(tab);
        const cases: [string, string, string][] = [
          ['CWE-79', 'secid:weakness/mitre/cwe#CWE-79', 'Cross-site Scripting'],
          ['LLM01:2025', 'secid:weakness/owasp/llm-top10@2.0#LLM01', 'Prompt Injection'],
          ['AML.T0051', 'secid:ttp/mitre/atlas#AML.T0051', 'LLM Prompt Injection'],
          ['CVE-2024-3094', 'secid:advisory/mitre/cve#CVE-2024-3094', 'CVE-2024-3094'],
        ];
        for (const [text, secid, title] of cases) {
          await t.hoverText(tab, text);
          await expectCard(t, tab, secid, title, `after hovering ${text}`);
          await dismiss(t, tab);
        }
      });
    },
  );

  suite.test('IDs are marked with the CSS Custom Highlight API, leaving the page DOM untouched', async (t) => {
    await t.withTab(`${t.site.url}/demo.html`, async (tab) => {
      const before = await t.ff.evaluate<string>(tab, `'highlights' in CSS ? 'supported' : 'missing'`);
      assertEqual(before, 'supported', 'CSS.highlights in this Firefox');
      await t.requireContentContract(tab);
      // Underlines follow the scan in an animation frame (at most one sync per 120 ms): wait for them, then compare.
      await t.ff
        .waitFor(tab, `[...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) >= ${EXPECTED.length}`, {
          timeoutMs: 5_000,
        })
        .catch(() => undefined);
      const state = await t.ff.evaluate<{ texts: string[]; elements: number; served: number }>(
        tab,
        `fetch(location.href).then((r) => r.text()).then((html) => ({
          // Ranges may be StaticRange (no toString): read each through a live Range over the same boundaries.
          texts: [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => {
            const live = document.createRange();
            live.setStart(r.startContainer, r.startOffset);
            live.setEnd(r.endContainer, r.endOffset);
            return live.toString();
          })),
          elements: document.body.querySelectorAll('*:not(${HOST_TAG})').length,
          served: new DOMParser().parseFromString(html, 'text/html').body.querySelectorAll('*').length,
        }))`,
      );
      assertEqual(
        EXPECTED.filter((id) => !state.texts.includes(id)),
        [],
        'IDs without a highlight',
      );
      // More elements than the server sent means the page's own DOM was rewritten (span wrapping).
      assertEqual(state.elements, state.served, 'elements in the page body besides our host');
    });
  });

  suite.test('the context menu on a page with the content script shows the card in the page', async (t) => {
    await t.withTab(`${t.site.url}/demo.html`, async (tab) => {
      await t.requireContentContract(tab);
      const item = `document.querySelector('#contentAreaContextMenu [id$="-menuitem-_secid-lens-lookup"]')`;
      await t.rightClickSelection(tab, 'CWE-79');
      await t.ff.waitFor(
        await t.ff.chromeWindow(),
        `document.getElementById('contentAreaContextMenu').state === 'open' && !!${item}`,
        { what: 'our item in the open context menu' },
      );
      await t.inChrome(`document.getElementById('contentAreaContextMenu').activateItem(${item})`);
      // The menu's card is a focused dialog (the pointer resting on the ID may have shown the hover card first).
      await expectCard(
        t,
        tab,
        'secid:weakness/mitre/cwe#CWE-79',
        'Cross-site Scripting',
        'after "Look up" in the context menu',
      );
      await t.ff.waitFor(tab, `(${CARD})?.role === 'dialog'`, {
        timeoutMs: 6_000,
        what: 'the card opened by the menu to be a dialog',
      });
    });
  });
}
