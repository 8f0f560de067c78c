import browser from 'webextension-polyfill';
import type { Registry } from '../core/registry.ts';
import type { ResolveResponse } from '../core/resolve-types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { applyTheme, currentTheme, themeCard, themeCards } from '../shared/page-theme.ts';
import { attachLive } from '../shared/live-client.ts';
import { isExtensionUrl, secidPageUrl } from '../shared/secid-page-url.ts';
import { loadSettings } from '../shared/settings-store.ts';
import { renderCard } from '../ui/card.ts';
import { el, link } from '../ui/dom.ts';
import { httpUrl } from '../core/http-url.ts';
import { t } from '../ui/i18n.ts';
import { PageIdsView } from './page-ids-view.ts';
import { ResultList, type ResultListDeps, type SearchData } from './result-list.ts';
import { SiteSwitch } from './site-switch.ts';
import { targetTab } from './target-tab.ts';
import { copy } from '../ui/page-copy.ts';

// Everything but the shell (popup.ts): search, cards, the page's IDs, the site switch. Text typed before this module
// arrived is searched as soon as the registry is there.
let theme = currentTheme(document);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const input = $<HTMLInputElement>('#q');
const params = new URLSearchParams(location.search);
const isPopup = browser.extension.getViews({ type: 'popup' }).includes(window);

let settings: Settings = DEFAULT_SETTINGS;
let data: SearchData | undefined;
const dataModule = import('../shared/registry-data.ts');
const registry: Promise<Registry> = dataModule.then((m) => m.getRegistry());

function warmUp(doc: Document): void {
  const box = doc.createElement('input');
  const list = new ResultList({
    ...resultDeps,
    input: box,
    list: doc.createElement('ul'),
    message: doc.createElement('p'),
  });
  for (const q of ['ml0', 'prompt inj', 'LLM04', 'CVE-2024-3094']) {
    box.value = q;
    list.update();
  }
  performance.clearMeasures('popup-search');
}

function openUrl(url: string): void {
  // A real popup closes once it has sent the user somewhere (after the request left: closing first could drop it);
  // the popup page opened as a tab (tests) stays.
  void browser.tabs.create({ url }).finally(() => {
    if (isPopup) window.close();
  });
}

function card(response: ResolveResponse, written: string): HTMLElement {
  const top = response.results[0];
  const footer: Node[] = [];
  const url = httpUrl(top?.url);
  if (url)
    footer.push(
      el(
        document,
        'p',
        { class: 'card-url' },
        el(document, 'span', { class: 'card-url__label' }, t('cardResolvedUrl')),
        ' ',
        link(document, url, url),
      ),
    );
  footer.push(
    el(
      document,
      'p',
      { class: 'card-more' },
      el(document, 'a', { href: secidPageUrl(top?.secid ?? response.query) }, t('popupMore')),
    ),
  );
  const node = renderCard(document, response, {
    written,
    t,
    copy,
    relatedHref: secidPageUrl,
    permalink: secidPageUrl,
    footer,
  });
  attachLive(node, top, t, 800);
  return themeCard(node, theme);
}

const resultDeps: ResultListDeps = {
  doc: document,
  input,
  list: $<HTMLUListElement>('#results'),
  message: $('#message'),
  t,
  data: () => data,
  resolveOptions: () => ({ preferredEditions: settings.editions }),
  card,
  openUrl,
  secidPageUrl,
  pending: (q) => (data ? loadedData?.v1Pending(q) : undefined),
  v1SearchPending: () => (data ? loadedData?.v1SearchPending() : undefined),
};
const results = new ResultList(resultDeps);

// ATT&CK, CAPEC and KEV facts and their search entries: loaded after the registry, then the current text is redone.
const knowledge: Promise<void> = dataModule
  .then(() => import('../shared/knowledge-loader.ts'))
  .then((k) => k.loadAllKnowledge())
  .then(() => {
    document.documentElement.dataset.knowledge = 'ready';
    if (input.value.trim()) results.update();
  });
// The imported SecID 1.0 namespaces' names, for search: read once the knowledge is in (they join the list then).
void knowledge
  .then(() => dataModule)
  .then((m) => m.v1SearchPending())
  .then(() => {
    document.documentElement.dataset.v1Search = 'ready';
    if (input.value.trim()) results.update();
  })
  .catch(() => undefined);
// The page's IDs are titled with the shards' facts too, unless those are slow to come.
const registryForPageIds: Promise<Registry> = Promise.race([knowledge, new Promise((ok) => setTimeout(ok, 1500))]).then(
  () => registry,
);
const pageIds = new PageIdsView({
  doc: document,
  status: $('#page-status'),
  groups: $('#page-groups'),
  t,
  registry: () => registryForPageIds,
  copy,
});

let tab: Awaited<ReturnType<typeof targetTab>>;
const siteSwitch = new SiteSwitch({
  row: $('#site-row'),
  box: $<HTMLInputElement>('#site-switch'),
  label: $('#site-label'),
  note: $('#site-note'),
  t,
  changed: (saved) => {
    settings = saved;
    // The content script follows storage changes; give it a moment to rescan before asking again.
    setTimeout(() => void pageIds.show(tab, saved), saved.excludedSites.length ? 0 : 400);
  },
});

// Links to our own pages open as tabs (never inside the popup); a related SecID in a popup card is looked up in place.
document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest<HTMLAnchorElement>('a[href]');
  if (!anchor || event.defaultPrevented || !isExtensionUrl(anchor.href)) return;
  event.preventDefault();
  const related = anchor.closest<HTMLElement>('.secid-card__related li[data-secid]');
  if (related && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    input.value = related.dataset.secid!;
    results.update();
    input.focus();
    return;
  }
  if (anchor.id === 'open-options') {
    void browser.runtime.openOptionsPage();
    if (isPopup) window.close();
    return;
  }
  if (anchor.id === 'open-secid-page') return openUrl(secidPageUrl(input.value.trim()));
  openUrl(anchor.href);
});

let loadedData: Awaited<typeof dataModule> | undefined;
void dataModule.then((m) => {
  loadedData = m;
  data = { registry: m.getRegistry(), search: m.getSearch(), v1Search: m.getV1Search };
  performance.measure('popup-data-ready', { start: 0, end: performance.now() });
  document.documentElement.dataset.ready = 'true';
  // Anything typed or pasted while the registry loaded.
  if (input.value.trim()) results.update();
  // Run the whole keystroke path once on detached elements while the user reads, so that the first real keystroke
  // is not the one that pays for compiling it.
  else setTimeout(() => warmUp(document), 50);
});

void (async () => {
  settings = await loadSettings();
  if (settings.theme !== theme) {
    theme = settings.theme;
    themeCards(document, theme);
  }
  applyTheme(document, theme);
  tab = await targetTab(params);
  siteSwitch.show(settings, tab?.url);
  await pageIds.show(tab, settings);
})();
