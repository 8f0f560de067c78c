// The add-on itself in Firefox: install, event-page background, popup, storage.sync, permissions, omnibox, menus.
import { readFileSync } from 'node:fs';
import { GECKO_ID } from '../../../scripts/firefox-manifest.ts';
import type { TestContext } from '../context.ts';
import { assert, assertEqual, type Suite } from '../harness.ts';

const ML03 = 'secid:weakness/owasp/ml-top10#ML03';
const SEARCH_HANDLER = `ChromeUtils.importESModule('resource://gre/modules/ExtensionSearchHandler.sys.mjs').ExtensionSearchHandler`;

const MENU = `document.getElementById('contentAreaContextMenu')`;
const MENU_ITEM = `${MENU}.querySelector('[id$="-menuitem-_secid-lens-lookup"]')`;

/** Firefox's own record of our add-on (privileged), for the background's state. */
const addon = (id: string) => `WebExtensionPolicy.getByID(${JSON.stringify(id)}).extension`;

/** What the address bar does for "secid <text>": returns the suggestions our listener gave. */
const omniboxSearch = (text: string) =>
  `new Promise((ok, fail) => { setTimeout(() => fail(new Error('no suggestions in 3 s')), 3000); ${SEARCH_HANDLER}.handleSearch({ keyword: 'secid', text: ${JSON.stringify(`secid ${text}`)} }, ok); })`;

/** Right-clicks `text` (selected) in `tab`, checks our item's label, clicks it; returns the SecID page it opened. */
async function lookUpFromMenu(t: TestContext, tab: string, text: string): Promise<string> {
  await t.rightClickSelection(tab, text);
  const label = await t.ff.waitFor<string>(
    await t.ff.chromeWindow(),
    `${MENU}.state === 'open' && ${MENU_ITEM}?.label`,
    { what: 'our item in the open context menu' },
  );
  assertEqual(label, `Look up “${text}” with SecID Lens`, 'menu item label');
  await t.inChrome(`${MENU}.activateItem(${MENU_ITEM})`);
  const opened = await t.waitForTabUrl(t.extensionUrl('src/secid-page/secid-page.html'));
  await t.ff.closeTab(opened.context);
  await t.inChrome(`${MENU}.hidePopup()`).catch(() => undefined);
  return opened.url;
}

interface Resolved {
  status: string;
  results: { secid: string; title?: string }[];
}

export function extensionTests(suite: Suite<TestContext>): void {
  suite.test(
    'installs dist/firefox as a temporary add-on with its gecko id, version and moz-extension origin',
    async (t) => {
      assertEqual(t.addonId, GECKO_ID, 'add-on id');
      assertEqual(await t.ext('browser.runtime.getURL("")'), t.extensionUrl(''), 'extension origin');
      const manifest = await t.ext<{ version: string; background: Record<string, unknown> }>(
        'browser.runtime.getManifest()',
      );
      const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      assertEqual(manifest.version, pkg.version, 'manifest version');
      // Firefox normalises the manifest (absent keys come back empty): what matters is scripts, not a worker.
      const { scripts, service_worker: worker, type } = manifest.background;
      assertEqual(
        [scripts, worker ?? null, type],
        [[t.extensionUrl('service-worker-loader.js')], null, 'module'],
        'background (scripts, service_worker, type)',
      );
    },
  );

  suite.test('the background starts as an event page and answers resolve and search messages', async (t) => {
    const page = await t.ext<string>('browser.runtime.getBackgroundPage().then((w) => w.location.pathname)');
    assertEqual(page, '/_generated_background_page.html', 'background page (event page, not a worker)');
    const resolved = await t.ext<Resolved>(`browser.runtime.sendMessage({ type: 'resolve', query: 'ML03' })`);
    assertEqual(
      [resolved.status, resolved.results[0]?.secid, resolved.results[0]?.title],
      ['found', ML03, 'Model Inversion Attack'],
      'resolve ML03',
    );
    const hits = await t.ext<{ secid: string }[]>(
      `browser.runtime.sendMessage({ type: 'search', query: 'prompt injection', limit: 5 })`,
    );
    assert(
      hits.some((h) => /llm-top10.*#LLM01$/.test(h.secid)),
      `search "prompt injection" should find LLM01, got ${JSON.stringify(hits.map((h) => h.secid))}`,
    );
    // A SecID only the imported SecID 1.0 registry knows: its shard is fetched from the package by the event page.
    const ccm = await t.ext<Resolved & { results: { url?: string }[] }>(
      `browser.runtime.sendMessage({ type: 'resolve', query: 'secid:control/cloudsecurityalliance.org/ccm@4.0#IAM-12' })`,
    );
    assertEqual(
      [ccm.status, ccm.results[0]?.url],
      ['found', 'https://cloudsecurityalliance.org/research/cloud-controls-matrix'],
      'resolve the CCM string (SecID 1.0 import)',
    );
    // The knowledge shards load in the event page too (fetched from the package): ATT&CK names, KEV status, nicknames.
    const technique = await t.ext<Resolved>(`browser.runtime.sendMessage({ type: 'resolve', query: 'T1059.003' })`);
    assertEqual(
      technique.results[0]?.title,
      'Command and Scripting Interpreter: Windows Command Shell',
      'resolve T1059.003',
    );
    const kev = await t.ext<{ results: { known_exploited?: { name: string } }[] }>(
      `browser.runtime.sendMessage({ type: 'resolve', query: 'CVE-2021-44228' })`,
    );
    assertEqual(
      kev.results[0]?.known_exploited?.name,
      'Apache Log4j2 Remote Code Execution Vulnerability',
      'CVE-2021-44228 known exploited',
    );
    const nick = await t.ext<{ code: string }[]>(
      `browser.runtime.sendMessage({ type: 'search', query: 'log4shell', limit: 3 })`,
    );
    assertEqual(nick[0]?.code, 'CVE-2021-44228', 'search log4shell');
    // A message of an unknown shape is dropped: no answer, no error.
    assertEqual(
      await t.ext(`browser.runtime.sendMessage({ type: 'resolve' }).then((r) => r === undefined ? 'dropped' : r)`),
      'dropped',
      'malformed message',
    );
  });

  suite.test(
    'the popup page focuses its search box, searches as you type and shows the card of the result you pick',
    async (t) => {
      await t.withTab(t.extensionUrl('src/popup/popup.html'), async (tab) => {
        const { ff } = t;
        await ff.waitFor(tab, `document.activeElement?.id === 'q'`, { what: 'the search box to have focus' });
        await t.type(tab, 'ML03');
        const card = await ff.waitFor<{ secid: string; title: string }>(
          tab,
          // A typed ID opens on its card, inside its row of the result list.
          `(() => { const c = document.querySelector('#results li[role="option"] .secid-card'); return c && { secid: c.dataset.secid, title: c.querySelector('.secid-card__title')?.textContent }; })()`,
          { what: 'a card for ML03' },
        );
        assertEqual(card, { secid: ML03, title: 'Model Inversion Attack' }, 'card for typed ML03');

        await ff.evaluate(tab, `document.querySelector('#q').value = ''`);
        await t.type(tab, 'prompt injection');
        const option = await ff.waitFor<string>(
          tab,
          `[...document.querySelectorAll('#results li[data-secid]')].map((li) => li.dataset.secid).find((s) => s.endsWith('#LLM01')) ?? ''`,
          {
            what: 'an LLM01 search result',
          },
        );
        // Pick the result with the mouse: its row opens on the card of the exact SecID it carries.
        const box = await ff.evaluate<{ x: number; y: number }>(
          tab,
          `(() => { const r = document.querySelector('#results li[data-secid="${option}"]').getBoundingClientRect(); return { x: Math.round(r.left + 10), y: Math.round(r.top + r.height / 2) }; })()`,
        );
        await t.pointer(tab, [
          { type: 'pointerMove', x: box.x, y: box.y },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ]);
        await ff.waitFor(
          tab,
          `document.querySelector('#results li[data-secid="${option}"] .secid-card')?.dataset.secid === ${JSON.stringify(option)}`,
          { what: `the card of the picked result ${option}` },
        );
      });
    },
  );

  suite.test('settings in storage.sync reach the background (sync exists in Firefox without an account)', async (t) => {
    const first = `browser.runtime.sendMessage({ type: 'resolve', query: 'LLM01' }).then((r) => r.results[0].secid)`;
    try {
      assertEqual(
        await t.ext(first),
        'secid:weakness/owasp/llm-top10@2.0#LLM01',
        'LLM01 with default settings (current edition first)',
      );
      await t.ext(
        `browser.storage.sync.set({ settings: { version: 1, editions: { 'weakness/owasp/llm-top10': '2023' } } })`,
      );
      const stored = await t.ext<{ settings?: { editions?: Record<string, string> } }>(
        `browser.storage.sync.get('settings')`,
      );
      assertEqual(stored.settings?.editions, { 'weakness/owasp/llm-top10': '2023' }, 'storage.sync round trip');
      assertEqual(
        await t.ext(first),
        'secid:weakness/owasp/llm-top10@1.0#LLM01',
        'LLM01 with 2023 preferred in sync storage',
      );
    } finally {
      await t.ext(`browser.storage.sync.remove('settings')`);
    }
  });

  suite.test('permissions granted at install are exactly the documented ones, host access included', async (t) => {
    const granted = await t.ext<{ permissions: string[]; origins: string[] }>('browser.permissions.getAll()');
    assertEqual(
      [...granted.permissions].sort(),
      ['activeTab', 'contextMenus', 'scripting', 'storage'],
      'API permissions',
    );
    // Firefox MV3 grants content-script hosts at install (since 127); without them no card would ever show.
    assertEqual([...granted.origins].sort(), ['http://*/*', 'https://*/*'], 'host permissions');
    assertEqual(
      await t.ext(`browser.permissions.contains({ origins: [${JSON.stringify(`${t.site.url}/`)}] })`),
      true,
      'access to the fixture site',
    );
  });

  suite.test(
    'live details: OSV.dev access and consent to send the looked-up ID are not granted at install',
    async (t) => {
      const granted = await t.ext<{ data_collection?: string[] }>('browser.permissions.getAll()');
      assertEqual(granted.data_collection ?? [], [], 'data collection granted at install');
      // The service worker asks exactly this before any request (src/shared/live-permission.ts): it must answer, not throw.
      assertEqual(
        await t.ext(
          `browser.permissions.contains({ origins: ['https://api.osv.dev/*'], data_collection: ['websiteContent', 'searchTerms'] })`,
        ),
        false,
        'live details permission before the user turns them on',
      );
    },
  );

  suite.test(
    'the omnibox keyword "secid" is registered; typing suggests from the registry and Enter opens the SecID page',
    async (t) => {
      assertEqual(await t.inChrome(`${SEARCH_HANDLER}.isKeywordRegistered('secid')`), true, 'keyword registered');
      // Firefox shows omnibox descriptions as plain text (no <match>/<dim> styling, no entities): we send plain text there.
      assertEqual(
        await t.inChrome(`${SEARCH_HANDLER}.getDescription('secid')`),
        'Resolve with SecID Lens',
        'default suggestion',
      );
      // The same calls the address bar makes when "secid ML03" is typed (the listeners run in our background page).
      const suggestions = await t.inChrome<{ content: string; description: string }[]>(omniboxSearch('ML03'));
      assertEqual(
        [suggestions[0]?.content, suggestions[0]?.description],
        [ML03, 'ML03 - Model Inversion Attack (OWASP ML Top 10, 2023)'],
        'first suggestion',
      );
      const marked = suggestions.filter((s) => /<\/?(?:match|dim|url)>|&(?:amp|lt|gt|quot|apos);/.test(s.description));
      assertEqual(marked, [], 'descriptions are plain text, without markup that Firefox would show literally');
      // An ambiguous ID (two editions) opens our SecID page rather than guessing a source page.
      await t.inChrome(omniboxSearch('LLM01'));
      await t.inChrome(`${SEARCH_HANDLER}.handleInputEntered('secid', 'secid LLM01', 'tab')`);
      const opened = await t.waitForTabUrl(t.extensionUrl('src/secid-page/secid-page.html'));
      try {
        assertEqual(opened.url, t.extensionUrl('src/secid-page/secid-page.html?q=LLM01'), 'SecID page URL');
      } finally {
        await t.ff.closeTab(opened.context);
      }
    },
  );

  suite.test(
    'the context menu (Firefox "menus") offers the selection and opens the SecID page where no content script runs',
    async (t) => {
      // A data: page: no content script there, so the click must fall back to the SecID page.
      await t.withTab('data:text/html,<p>See LLM01:2025 here</p>', async (tab) => {
        assertEqual(
          await lookUpFromMenu(t, tab, 'LLM01:2025'),
          t.extensionUrl(`src/secid-page/secid-page.html?q=${encodeURIComponent('LLM01:2025')}`),
          'SecID page URL',
        );
      });
    },
  );

  suite.test(
    'the event page stops when idle and wakes with its listeners for the omnibox, the menu and messages',
    async (t) => {
      // Firefox suspends an idle event page; every listener must be registered again at top level when it restarts.
      const stop = async () => {
        await t.inChrome(`${addon(t.addonId)}.terminateBackground({ disableResetIdleForTest: true })`);
        assertEqual(
          await t.inChrome(`${addon(t.addonId)}.backgroundState`),
          'stopped',
          'background state after terminateBackground',
        );
      };
      await stop();
      const suggestions = await t.inChrome<{ content: string }[]>(omniboxSearch('CWE-79'));
      assertEqual(
        suggestions[0]?.content,
        'secid:weakness/mitre/cwe#CWE-79',
        'first suggestion from a woken background',
      );
      await t.inChrome(`${SEARCH_HANDLER}.handleInputCancelled()`);
      assertEqual(
        await t.inChrome(`${addon(t.addonId)}.backgroundState`),
        'running',
        'background state after the omnibox event',
      );

      await stop();
      await t.withTab('data:text/html,<p>See CWE-79 here</p>', async (tab) => {
        assertEqual(
          await lookUpFromMenu(t, tab, 'CWE-79'),
          t.extensionUrl('src/secid-page/secid-page.html?q=CWE-79'),
          'SecID page from a woken background',
        );
      });

      await stop();
      const resolved = await t.ext<Resolved>(`browser.runtime.sendMessage({ type: 'resolve', query: 'ML03' })`);
      assertEqual(resolved.results[0]?.secid, ML03, 'resolve answered by a woken background');
    },
  );
}
