import type { ResolveResponse, ResolveResult } from '../core/resolve-types.ts';
import { resolve } from '../core/resolve.ts';
import type { SearchHit } from '../core/search.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { applyCachedTheme, applyTheme, themeCard, themeCards } from '../shared/page-theme.ts';
import { joinV1Hits } from '../core/v1/search.ts';
import { loadAllKnowledge } from '../shared/knowledge-loader.ts';
import { attachLive } from '../shared/live-client.ts';
import { getRegistry, getSearch, getV1Search, v1Pending, v1SearchPending } from '../shared/registry-data.ts';
import { secidPageUrl } from '../shared/secid-page-url.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings-store.ts';
import { renderCard } from '../ui/card.ts';
import { el, link } from '../ui/dom.ts';
import { httpUrl } from '../core/http-url.ts';
import { localisePage, t } from '../ui/i18n.ts';
import { noMatchMessage } from '../ui/no-match.ts';
import { editionGroup } from '../ui/edition-group.ts';
import { copy } from '../ui/page-copy.ts';

let theme = applyCachedTheme(document);
localisePage(document);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const input = $<HTMLInputElement>('#q');
const status = $('#status');
const identity = $('#identity');
const editions = $('#editions');
const mainResult = $('#main-result');
const others = $('#others');
const suggestions = $('#suggestions');
let settings: Settings = DEFAULT_SETTINGS;

function copyButton(text: string, label: string): HTMLButtonElement {
  const button = el(document, 'button', { type: 'button', 'aria-label': t('cardCopyLabel', [label]) }, t('cardCopy'));
  button.addEventListener('click', () => {
    void copy(text).then((ok) => {
      button.textContent = ok ? t('cardCopied') : t('cardCopyFailed');
    });
  });
  return button;
}

/** One card per result: the card shows its own result in full; the page says how the results relate. */
function cardFor(response: ResolveResponse, result: ResolveResult): HTMLElement {
  const single: ResolveResponse = {
    query: response.query,
    secid_query: response.secid_query,
    status: response.status,
    results: [result],
  };
  const node = renderCard(document, single, {
    written: result.id ?? response.query,
    t,
    copy,
    relatedHref: secidPageUrl,
    permalink: secidPageUrl,
  });
  return themeCard(node, theme);
}

function fill(section: HTMLElement, cards: HTMLElement[]): void {
  section.querySelector('.cards')!.replaceChildren(...cards);
  section.hidden = cards.length === 0;
}

function verdict(response: ResolveResponse, matches: number): string {
  const q = response.query;
  switch (response.status) {
    case 'found':
      return t('secidPageFound', [q]);
    case 'corrected':
      return t('secidPageCorrected', [q]);
    case 'related':
      return t('secidPageRelated', [q]);
    case 'not_found':
      // Not an error: the text is simply not an ID we know; say whether anything else matches it.
      return matches > 0 ? t('secidPageNotFound', [q]) : t('secidPageNothing', [q]);
    case 'error':
      return t('secidPageError', [q]);
  }
}

function showIdentity(top: ResolveResult | undefined): void {
  identity.replaceChildren();
  identity.hidden = !top;
  if (!top) return;
  const row = (label: string, ...value: Node[]) =>
    identity.append(el(document, 'dt', {}, label), el(document, 'dd', {}, ...value));
  row(t('secidPageCanonical'), el(document, 'code', { id: 'canonical' }, top.secid), copyButton(top.secid, top.secid));
  row(
    t('resolveSecid10'),
    el(document, 'code', { id: 'secid-v1' }, top.secid_v1),
    copyButton(top.secid_v1, top.secid_v1),
  );
  const url = httpUrl(top.url);
  if (url) row(t('secidPageLinkLabel'), link(document, url, url, { id: 'resolved-url' }));
  const permalink = secidPageUrl(top.secid);
  row(
    t('secidPagePermalink'),
    el(document, 'a', { id: 'permalink', href: permalink }, top.secid),
    copyButton(permalink, t('secidPagePermalink')),
  );
}

function suggestionHits(q: string, exclude: Set<string>): SearchHit[] {
  // The imported namespaces' names too, once their search is in (then the page is drawn again).
  const pending = v1SearchPending();
  if (pending) void pending.then(() => input.value.trim() === q && render(q));
  const ours = getSearch().search(q, 12);
  return joinV1Hits({ query: q, ours, v1: getV1Search()?.search(q, 12) ?? [], limit: 12, registry: getRegistry() })
    .filter((hit) => !exclude.has(hit.secid))
    .slice(0, 10);
}

function showSuggestions(hits: SearchHit[]): void {
  const list = suggestions.querySelector('ul')!;
  list.replaceChildren(
    ...hits.map((hit) =>
      el(
        document,
        'li',
        { 'data-secid': hit.secid },
        el(document, 'a', { href: secidPageUrl(hit.secid) }, el(document, 'code', {}, hit.code), hit.title),
        el(document, 'span', { class: 'muted' }, ` (${[hit.sourceShort, hit.edition].filter(Boolean).join(', ')})`),
      ),
    ),
  );
  suggestions.hidden = hits.length === 0;
}

// A query naming a SecID 1.0 type waits for that type's imported registry shard (read once, then cached).
function show(q: string): void {
  input.value = q;
  const pending = v1Pending(q.trim());
  if (pending) void pending.then(() => render(q));
  else render(q);
}

/** What the page shows now, so a redraw that would show the same answer (data that arrived later) is skipped. */
let drawn = '';

function render(q: string): void {
  if (input.value !== q) return;
  const query = q.trim();
  const early = query === '' ? undefined : resolve(getRegistry(), query, { preferredEditions: settings.editions });
  const answer = early && (early.status === 'found' || early.status === 'corrected') ? JSON.stringify(early) : '';
  // The same found answer again (the knowledge shards arrived but say nothing new about it): leave the cards as they
  // are, so a click on one of them is not lost to a redraw. Answers with suggestions are drawn again (search grew).
  if (answer !== '' && answer === drawn) return;
  drawn = answer;
  document.title = query ? t('secidPageTabTitle', [query]) : t('secidPageTitle');
  status.replaceChildren();
  delete status.dataset.status;
  for (const section of [editions, mainResult, others, suggestions]) section.hidden = true;
  identity.hidden = true;
  if (query === '') {
    status.append(el(document, 'p', { class: 'muted' }, t('secidPageEmpty')));
    return;
  }
  const response = early ?? resolve(getRegistry(), query, { preferredEditions: settings.editions });
  status.dataset.status = response.status;
  const found = response.status === 'found' || response.status === 'corrected';
  const hits = found ? [] : suggestionHits(query, new Set(response.results.map((r) => r.secid)));
  status.append(el(document, 'p', { class: 'verdict' }, verdict(response, hits.length + response.results.length)));
  if (found) {
    if (response.message) status.append(el(document, 'p', { class: 'detail' }, response.message));
  } else {
    const note = noMatchMessage({ query, response, matches: hits.length + response.results.length, t });
    // The resolver's precise reason (ML11 is not an item of …) when it has one; the verdict already says the rest.
    if (note.what !== t('searchUnknownId', [query])) status.append(el(document, 'p', { class: 'detail' }, note.what));
    if (note.hint) status.append(el(document, 'p', { class: 'hint' }, note.hint));
  }

  const top = response.results[0];
  showIdentity(top);
  const group = editionGroup(response);
  // Editions side by side when the ID means different things; otherwise the answer, then where else it is listed.
  fill(
    editions,
    group.map((r) => cardFor(response, r)),
  );
  fill(mainResult, group.length > 1 || !top ? [] : [cardFor(response, top)]);
  const mainCard = mainResult.querySelector<HTMLElement>('.secid-card');
  if (mainCard && top) attachLive(mainCard, top, t);
  const rest = response.results.filter((r) => r !== top && !group.includes(r));
  fill(
    others,
    rest.map((r) => cardFor(response, r)),
  );
  showSuggestions(hits);
}

$<HTMLFormElement>('#form').addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value.trim());
  history.pushState(null, '', url);
  show(input.value);
});
window.addEventListener('popstate', () => show(new URLSearchParams(location.search).get('q') ?? ''));

show(new URLSearchParams(location.search).get('q') ?? '');
if (!input.value) input.focus();
// ATT&CK, CAPEC and KEV facts arrive a moment later: show the answer again with them, unless the box was edited.
void loadAllKnowledge().then(() => {
  const shown = new URLSearchParams(location.search).get('q') ?? '';
  if (shown.trim() && input.value === shown && document.activeElement !== input) show(shown);
  document.documentElement.dataset.knowledge = 'ready';
});

void loadSettings().then((loaded) => {
  const editionsChanged = JSON.stringify(loaded.editions) !== JSON.stringify(settings.editions);
  apply(loaded);
  if (editionsChanged) show(input.value);
});
// Settings changed in the options page or the popup apply here at once.
onSettingsChanged((changed) => {
  const editionsChanged = JSON.stringify(changed.editions) !== JSON.stringify(settings.editions);
  apply(changed);
  if (editionsChanged) show(input.value);
});

function apply(next: Settings): void {
  settings = next;
  theme = next.theme;
  applyTheme(document, theme);
  themeCards(document, theme);
}
