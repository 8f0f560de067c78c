import type { Registry } from '../core/registry.ts';
import type { ResolveOptions, ResolveResponse } from '../core/resolve-types.ts';
import { resolve } from '../core/resolve.ts';
import type { RegistrySearch } from '../core/search.ts';
import { joinV1Hits, type V1Search } from '../core/v1/search.ts';
import type { Translate } from '../ui/card.ts';
import { el } from '../ui/dom.ts';
import { httpUrl } from '../core/http-url.ts';
import { noMatchMessage } from '../ui/no-match.ts';
import { looksLikeId } from './query-kind.ts';
import { resultOptions, type ResultOption } from './result-options.ts';

export interface SearchData {
  registry: Registry;
  search: RegistrySearch;
  /** The imported SecID 1.0 namespaces' search, once loaded: its hits follow ours. */
  v1Search?: () => V1Search | undefined;
}

export interface ResultListDeps {
  doc: Document;
  input: HTMLInputElement;
  list: HTMLUListElement;
  message: HTMLElement;
  t: Translate;
  /** The registry and index, or undefined while they load. */
  data: () => SearchData | undefined;
  resolveOptions: () => ResolveOptions;
  /** The shared card for a resolution, with the popup's footer. */
  card: (response: ResolveResponse, written: string) => HTMLElement;
  openUrl: (url: string) => void;
  secidPageUrl: (query: string) => string;
  /** A promise when the query needs a SecID 1.0 shard still loading: the list redraws once it is in. */
  pending?: (query: string) => Promise<void> | undefined;
  /** A promise while the imported namespaces' search loads: the list redraws once it is in. */
  v1SearchPending?: () => Promise<void> | undefined;
}

const LIMIT = 12;

/**
 * The search box as a combobox over a listbox of results (focus stays in the box; aria-activedescendant follows the
 * selection). ↑/↓ select, Enter opens the selection's source page, → at the end of the text shows its card and ←
 * hides it; a click on a row toggles its card.
 */
export class ResultList {
  private options: ResultOption[] = [];
  private selected = -1;
  private readonly expanded = new Set<string>();
  private lastQuery = '';

  constructor(private readonly deps: ResultListDeps) {
    deps.input.addEventListener('input', () => this.update());
    deps.input.addEventListener('keydown', (event) => this.onKey(event));
    deps.list.addEventListener('click', (event) => this.onClick(event));
  }

  /** Searches and resolves the box's text and redraws; measured as `popup-search` entries in the performance timeline. */
  update(): void {
    const started = performance.now();
    const { input, list, message, t } = this.deps;
    const q = input.value.trim();
    const data = this.deps.data();
    if (q !== this.lastQuery) this.expanded.clear();
    this.lastQuery = q;
    message.hidden = true;
    message.classList.remove('error');
    message.replaceChildren();
    if (q === '' || !data) {
      this.render([]);
      if (q !== '') this.say(t('popupLoading'), false);
      return;
    }
    const pending = this.deps.pending?.(q);
    if (pending) void pending.then(() => this.deps.input.value.trim() === q && this.update());
    const response = resolve(data.registry, q, this.deps.resolveOptions());
    const idLike = looksLikeId(q);
    const found = response.status === 'found' || response.status === 'corrected';
    // Words ("injection") are searched; only identifiers get the resolver's verdict.
    // One character matches half the registry by prefix: nothing useful, and the costliest search there is.
    const ours = q.length > 1 ? data.search.search(q, LIMIT) : [];
    const hits = q.length > 1 ? this.withImported(q, ours, data) : ours;
    const options = resultOptions(idLike || found ? response : undefined, hits, LIMIT);
    // Not finding something is not an error: say what was searched, and what to try when nothing is listed.
    if ((idLike && !found) || (options.length === 0 && q.length > 1)) {
      const note = noMatchMessage({ query: q, ...(idLike && !found ? { response } : {}), matches: options.length, t });
      this.say(note.what, note.tone === 'error', note.hint);
    }
    // A pasted ID opens on its card at once.
    if (idLike && found && options[0]?.resolved) this.expanded.add(options[0].secid);
    this.render(options);
    list.dataset.query = q;
    performance.measure('popup-search', { start: started, end: performance.now() });
  }

  /** Our hits, then the imported namespaces' (src/core/v1/search.ts); their shards load so their cards resolve. */
  private withImported(
    q: string,
    ours: ReturnType<RegistrySearch['search']>,
    data: SearchData,
  ): ReturnType<RegistrySearch['search']> {
    const redraw = (promise: Promise<void> | undefined) => {
      if (promise) void promise.then(() => this.deps.input.value.trim() === q && this.update());
    };
    redraw(this.deps.v1SearchPending?.());
    const v1 = data.v1Search?.()?.search(q, LIMIT) ?? [];
    if (v1.length === 0) return ours;
    const hits = joinV1Hits({ query: q, ours, v1, limit: LIMIT, registry: data.registry });
    for (const type of new Set(hits.filter((h) => 'origin' in h).map((h) => h.secid.split('/', 1)[0]!)))
      redraw(this.deps.pending?.(`${type}/`));
    return hits;
  }

  private say(text: string, isError: boolean, hint?: string): void {
    const { doc, message } = this.deps;
    message.replaceChildren(el(doc, 'span', { class: 'message__what' }, text));
    if (hint) message.append(' ', el(doc, 'span', { class: 'message__hint' }, hint));
    this.deps.message.classList.toggle('error', isError);
    this.deps.message.hidden = false;
  }

  private render(options: ResultOption[]): void {
    const { doc, list, input } = this.deps;
    this.options = options;
    this.selected = options.length ? 0 : -1;
    list.replaceChildren(...options.map((o, i) => this.row(doc, o, i)));
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(options.length > 0));
    this.select(this.selected, false);
  }

  private row(doc: Document, option: ResultOption, index: number): HTMLLIElement {
    const meta = [option.source, option.edition].filter(Boolean).join(' · ');
    const li = el(
      doc,
      'li',
      {
        role: 'option',
        id: `result-${index}`,
        'aria-selected': 'false',
        'data-secid': option.secid,
        class: option.resolved ? 'resolved' : undefined,
      },
      el(
        doc,
        'div',
        { class: 'row' },
        el(doc, 'span', { class: 'code' }, option.code),
        el(doc, 'span', { class: 'title' }, option.title),
        meta ? el(doc, 'span', { class: 'meta' }, meta) : undefined,
      ),
    );
    if (this.expanded.has(option.secid)) this.attachCard(li, option);
    return li;
  }

  private responseFor(option: ResultOption): ResolveResponse | undefined {
    if (option.response) return option.response;
    const data = this.deps.data();
    return data ? resolve(data.registry, option.secid, this.deps.resolveOptions()) : undefined;
  }

  private attachCard(li: HTMLLIElement, option: ResultOption): void {
    const response = this.responseFor(option);
    if (!response) return;
    li.dataset.expanded = 'true';
    li.append(el(this.deps.doc, 'div', { class: 'card-slot' }, this.deps.card(response, option.code)));
  }

  private toggle(index: number, show?: boolean): void {
    const option = this.options[index];
    const li = this.deps.list.children[index] as HTMLLIElement | undefined;
    if (!option || !li) return;
    const open = this.expanded.has(option.secid);
    const want = show ?? !open;
    if (want === open) return;
    if (want) {
      this.expanded.add(option.secid);
      this.attachCard(li, option);
    } else {
      this.expanded.delete(option.secid);
      delete li.dataset.expanded;
      li.querySelector('.card-slot')?.remove();
    }
  }

  private select(index: number, reveal = true): void {
    const { list, input } = this.deps;
    const previous = list.querySelector('[aria-selected="true"]');
    previous?.setAttribute('aria-selected', 'false');
    this.selected = index;
    const li = index >= 0 ? (list.children[index] as HTMLElement | undefined) : undefined;
    if (!li) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    li.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', li.id);
    // Only when moving: a fresh list starts at its top, and scrolling forces a layout on every keystroke.
    if (reveal) li.scrollIntoView({ block: 'nearest' });
  }

  /** Enter: the selection's source page; with nothing listed, the SecID page for the text. */
  open(): void {
    const option = this.options[this.selected];
    const q = this.deps.input.value.trim();
    if (!option) {
      if (q) this.deps.openUrl(this.deps.secidPageUrl(q));
      return;
    }
    const url = httpUrl(this.responseFor(option)?.results[0]?.url);
    this.deps.openUrl(url ?? this.deps.secidPageUrl(option.secid));
  }

  private onKey(event: KeyboardEvent): void {
    const { input } = this.deps;
    const n = this.options.length;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (n === 0) return;
        event.preventDefault();
        this.select((this.selected + (event.key === 'ArrowDown' ? 1 : -1) + n) % n);
        return;
      case 'Enter':
        if (event.isComposing) return;
        event.preventDefault();
        this.open();
        return;
      case 'ArrowRight':
        if (!atEnd || this.selected < 0) return;
        event.preventDefault();
        this.toggle(this.selected, true);
        return;
      case 'ArrowLeft': {
        const option = this.options[this.selected];
        // Only when there is a card to close: otherwise ← moves the caret as usual.
        if (!atEnd || !option || !this.expanded.has(option.secid)) return;
        event.preventDefault();
        this.toggle(this.selected, false);
        return;
      }
    }
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    // Links and buttons inside a card do their own thing.
    if (target.closest('.card-slot')) return;
    const li = target.closest<HTMLLIElement>('li[role="option"]');
    if (!li) return;
    const index = [...this.deps.list.children].indexOf(li);
    this.select(index);
    this.toggle(index);
    this.deps.input.focus();
  }
}
