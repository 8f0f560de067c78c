import type { Registry } from '../core/registry.ts';
import { resolve } from '../core/resolve.ts';
import type { Settings } from '../core/settings.ts';
import { askTab } from '../shared/ask-tab.ts';
import type { Translate } from '../ui/card.ts';
import { el } from '../ui/dom.ts';
import { pageItems, type PageItem } from '../core/page-items.ts';
import type { PageId } from '../core/page-id.ts';
import { groupPageIds, type PageIdGroup } from './group-page-ids.ts';
import { exportPageItems, type PageExportFormat } from './page-export.ts';
import { siteState } from './site-rules.ts';
import type { TargetTab } from './target-tab.ts';

export interface PageIdsDeps {
  doc: Document;
  status: HTMLElement;
  groups: HTMLElement;
  t: Translate;
  registry: () => Promise<Registry>;
  /** Copies text; resolves true when it worked. */
  copy: (text: string) => Promise<boolean>;
}

/** Why the list is empty, or 'listed'. Exposed on the section as data-state for tests and styling. */
export type PageIdsState =
  'no-tab' | 'browser-page' | 'excluded' | 'disabled' | 'no-receiver' | 'none' | 'listed' | 'loading';

const TIMEOUT_MS = 3000;
/** Distinct IDs listed per group (each is a button with its title looked up in the registry). */
const LISTED = 200;

/** A tab's answer, or a rejection after TIMEOUT_MS: a tab whose content script is busy or gone must not leave the popup waiting forever. */
function withTimeout<T>(answer: Promise<T>): Promise<T> {
  return Promise.race([
    answer,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)),
  ]);
}

function isWebPage(url: string | undefined): boolean {
  return url === undefined || /^https?:/i.test(url);
}

/** "On this page": the IDs the content script found in the target tab, grouped by source; a click scrolls to one. */
export class PageIdsView {
  /** Calls of show() so far: an answer that arrives after a newer call started (the site switched off meanwhile) is
   *  dropped, so a slow tab cannot overwrite the newer state. */
  private calls = 0;

  constructor(private readonly deps: PageIdsDeps) {}

  private setState(state: PageIdsState, text?: string): void {
    const section = this.deps.status.closest('section');
    if (section) section.dataset.state = state;
    this.deps.status.textContent = text ?? '';
    this.deps.status.hidden = text === undefined;
  }

  async show(tab: TargetTab | undefined, settings: Settings): Promise<PageIdsState | 'superseded'> {
    const { t } = this.deps;
    const call = ++this.calls;
    const superseded = () => call !== this.calls;
    this.deps.groups.replaceChildren();
    if (!tab) return this.done('no-tab', t('pageNoTab'));
    if (!isWebPage(tab.url)) return this.done('browser-page', t('pageBrowserPage'));
    if (siteState(settings, tab.url)?.excluded) return this.done('excluded', t('pageExcluded'));
    if (!settings.enabled) return this.done('disabled', t('pageDisabled'));
    this.setState('loading', t('pageLoading'));
    let ids: PageId[];
    try {
      ids = (await withTimeout(askTab(tab.id, 'page-ids'))) ?? [];
    } catch {
      if (superseded()) return 'superseded';
      // "Receiving end does not exist": a page opened before the extension was installed or updated, or not a web
      // page; or an answer of another shape.
      return this.done('no-receiver', t('pageNoReceiver'));
    }
    if (superseded()) return 'superseded';
    if (ids.length === 0) return this.done('none', t('pageNone'));
    const registry = await this.deps.registry();
    if (superseded()) return 'superseded';
    // One row per thing: `LLM01`, `LLM01:2025` and its SecID are one item with three spellings.
    const items = pageItems(ids, registry, { preferredEditions: settings.editions });
    this.render(tab.id, items, groupPageIds(items, lookup(registry, t)));
    this.setState('listed');
    return 'listed';
  }

  private done(state: PageIdsState, text: string): PageIdsState {
    this.setState(state, text);
    return state;
  }

  private render(tabId: number, items: PageItem[], groups: PageIdGroup<PageItem>[]): void {
    const { doc, t } = this.deps;
    const nodes: HTMLElement[] = [this.exportBar(items)];
    for (const group of groups) {
      const list = el(doc, 'ul', { class: 'page-ids' });
      for (const item of group.items.slice(0, LISTED)) list.append(el(doc, 'li', {}, this.button(tabId, item)));
      // A scanner report can hold tens of thousands of distinct IDs: say that the list stops short.
      const more =
        group.items.length > LISTED
          ? el(doc, 'p', { class: 'page-more' }, t('pageMoreIds', [String(LISTED), String(group.items.length)]))
          : undefined;
      nodes.push(
        el(
          doc,
          'section',
          { class: 'page-group', 'data-source': group.sourceKey },
          el(
            doc,
            'h3',
            {},
            group.label,
            ' ',
            el(
              doc,
              'span',
              { class: 'count', 'aria-label': t('pageGroupCount', [String(group.total)]) },
              String(group.total),
            ),
          ),
          list,
          more,
        ),
      );
    }
    this.deps.groups.replaceChildren(...nodes);
  }

  /** "Copy all as: SecIDs · Markdown · CSV", with a status line that says what was copied. */
  private exportBar(items: PageItem[]): HTMLElement {
    const { doc, t } = this.deps;
    const note = el(doc, 'span', { class: 'page-export__note', role: 'status' });
    const bar = el(doc, 'div', { class: 'page-export' }, el(doc, 'span', {}, `${t('pageCopyAll')}:`));
    const formats: [PageExportFormat, string][] = [
      ['secids', 'pageCopySecids'],
      ['markdown', 'pageCopyMarkdown'],
      ['csv', 'pageCopyCsv'],
    ];
    for (const [format, label] of formats) {
      const button = el(doc, 'button', { type: 'button', 'data-export': format }, t(label));
      button.addEventListener('click', () => {
        void this.deps.copy(exportPageItems(items, format)).then((ok) => {
          note.textContent = ok ? t('pageCopiedAll', [String(items.length)]) : t('cardCopyFailed');
        });
      });
      bar.append(' ', button);
    }
    bar.append(' ', note);
    return bar;
  }

  private button(tabId: number, item: PageItem): HTMLButtonElement {
    const { doc, t } = this.deps;
    const first = item.spellings[0]?.text ?? item.text;
    const spelled = item.spellings.length > 1 || first !== item.text;
    const spellings = item.spellings.map((s) => t('pageSpelling', [s.text, String(s.count)])).join(' · ');
    // The full text on hover: long SecIDs are cut short in the row.
    const full = [item.secid, item.title, spelled ? spellings : undefined].filter(Boolean).join('\n');
    const button = el(
      doc,
      'button',
      {
        type: 'button',
        class: 'page-id',
        'data-text': first,
        'data-key': item.key,
        title: full || item.text,
        'aria-label': t('pageIdScrollLabel', [item.text, String(item.count)]),
      },
      el(doc, 'code', {}, item.text),
      item.title ? el(doc, 'span', { class: 'title' }, item.title) : undefined,
      el(doc, 'span', { class: 'count' }, t('pageIdCount', [String(item.count)])),
      spelled ? el(doc, 'span', { class: 'spellings' }, spellings) : undefined,
    );
    button.addEventListener('click', () => {
      withTimeout(askTab(tabId, 'scroll-to', { text: first, index: 0 })).catch(() =>
        this.setState('listed', t('pageScrollFailed')),
      );
    });
    return button;
  }
}

function lookup(registry: Registry, t: Translate) {
  return {
    sourceKeyOf: (id: PageId) => resolve(registry, id.text).results[0]?.source_secid?.replace(/^secid:/, ''),
    label: (key: string) => {
      const source = key ? registry.source(key) : undefined;
      return source ? (source.shortName ?? source.fullName) : key || t('pageOtherIds');
    },
  };
}
