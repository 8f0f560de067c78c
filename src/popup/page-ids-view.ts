import browser from 'webextension-polyfill';
import type { Registry } from '../core/registry.ts';
import { resolve } from '../core/resolve.ts';
import type { Settings } from '../core/settings.ts';
import { checkMessage, pageIdsResponseSchema, type TabRequest } from '../shared/messages.ts';
import type { Translate } from '../ui/card.ts';
import { el } from '../ui/dom.ts';
import { groupPageIds, type PageId, type PageIdGroup } from './group-page-ids.ts';
import { siteState } from './site-rules.ts';
import type { TargetTab } from './target-tab.ts';

export interface PageIdsDeps {
  doc: Document;
  status: HTMLElement;
  groups: HTMLElement;
  t: Translate;
  registry: () => Promise<Registry>;
}

/** Why the list is empty, or 'listed'. Exposed on the section as data-state for tests and styling. */
export type PageIdsState = 'no-tab' | 'browser-page' | 'excluded' | 'disabled' | 'no-receiver' | 'none' | 'listed' | 'loading';

const TIMEOUT_MS = 3000;
/** Distinct IDs listed per group (each is a button with its title looked up in the registry). */
const LISTED = 200;

function send(tabId: number, request: TabRequest): Promise<unknown> {
  // A tab whose content script is busy or gone must not leave the popup waiting forever.
  return Promise.race([
    browser.tabs.sendMessage(tabId, request),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)),
  ]);
}

function isWebPage(url: string | undefined): boolean {
  return url === undefined || /^https?:/i.test(url);
}

/** "On this page": the IDs the content script found in the target tab, grouped by source; a click scrolls to one. */
export class PageIdsView {
  constructor(private readonly deps: PageIdsDeps) {}

  private setState(state: PageIdsState, text?: string): void {
    const section = this.deps.status.closest('section');
    if (section) section.dataset.state = state;
    this.deps.status.textContent = text ?? '';
    this.deps.status.hidden = text === undefined;
  }

  async show(tab: TargetTab | undefined, settings: Settings): Promise<PageIdsState> {
    const { t } = this.deps;
    this.deps.groups.replaceChildren();
    if (!tab) return this.done('no-tab', t('pageNoTab'));
    if (!isWebPage(tab.url)) return this.done('browser-page', t('pageBrowserPage'));
    if (siteState(settings, tab.url)?.excluded) return this.done('excluded', t('pageExcluded'));
    if (!settings.enabled) return this.done('disabled', t('pageDisabled'));
    this.setState('loading', t('pageLoading'));
    let answer: unknown;
    try {
      answer = await send(tab.id, { type: 'page-ids' });
    } catch {
      // "Receiving end does not exist": a page opened before the extension was installed or updated, or not a web page.
      return this.done('no-receiver', t('pageNoReceiver'));
    }
    const ids = checkMessage(pageIdsResponseSchema, answer ?? [], 'popup');
    if (!ids) return this.done('no-receiver', t('pageNoReceiver'));
    if (ids.length === 0) return this.done('none', t('pageNone'));
    const registry = await this.deps.registry();
    this.render(tab.id, groupPageIds(ids, lookup(registry, t)), registry);
    this.setState('listed');
    return 'listed';
  }

  private done(state: PageIdsState, text: string): PageIdsState {
    this.setState(state, text);
    return state;
  }

  private render(tabId: number, groups: PageIdGroup[], registry: Registry): void {
    const { doc, t } = this.deps;
    const nodes = groups.map((group) => {
      const list = el(doc, 'ul', { class: 'page-ids' });
      for (const id of group.items.slice(0, LISTED)) list.append(el(doc, 'li', {}, this.button(tabId, id, registry)));
      // A scanner report can hold tens of thousands of distinct IDs: say that the list stops short.
      const more = group.items.length > LISTED ? el(doc, 'p', { class: 'page-more' }, t('pageMoreIds', [String(LISTED), String(group.items.length)])) : undefined;
      return el(
        doc,
        'section',
        { class: 'page-group', 'data-source': group.source },
        el(doc, 'h3', {}, group.label, ' ', el(doc, 'span', { class: 'count', 'aria-label': t('pageGroupCount', [String(group.total)]) }, String(group.total))),
        list,
        more,
      );
    });
    this.deps.groups.replaceChildren(...nodes);
  }

  private button(tabId: number, id: PageId, registry: Registry): HTMLButtonElement {
    const { doc, t } = this.deps;
    const title = resolve(registry, id.text).results[0]?.title;
    const button = el(
      doc,
      'button',
      { type: 'button', class: 'page-id', 'data-text': id.text, 'aria-label': t('pageIdScrollLabel', [id.text, String(id.count)]) },
      el(doc, 'code', {}, id.text),
      title ? el(doc, 'span', { class: 'title' }, title) : undefined,
      el(doc, 'span', { class: 'count' }, t('pageIdCount', [String(id.count)])),
    );
    button.addEventListener('click', () => {
      send(tabId, { type: 'scroll-to', text: id.text, index: 0 }).catch(() => this.setState('listed', t('pageScrollFailed')));
    });
    return button;
  }
}

function lookup(registry: Registry, t: Translate) {
  return {
    sourceOf: (id: PageId) => resolve(registry, id.text).results[0]?.source_secid?.replace(/^secid:/, ''),
    label: (key: string) => {
      const source = key ? registry.source(key) : undefined;
      return source ? (source.shortName ?? source.fullName) : key || t('pageOtherIds');
    },
  };
}
