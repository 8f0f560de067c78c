import type { PageId } from './page-id.ts';
import type { Registry } from './registry.ts';
import type { ResolveOptions } from './resolve-types.ts';
import { resolve } from './resolve.ts';

/** One thing on a page, whatever the spellings: `LLM01`, `LLM01:2025` and its SecID are one item. */
export interface PageItem {
  /** The canonical SecID when the text resolves, else `text:` and the spelling. */
  key: string;
  /** The ID as the list writes it (`LLM01`), or the spelling when unknown. */
  text: string;
  count: number;
  spellings: PageId[];
  secid?: string;
  title?: string;
  url?: string;
  edition?: string;
  /** Source key (`weakness/owasp/llm-top10`). */
  sourceKey?: string;
}

/**
 * Merges a page's spellings into items by what they resolve to (the first, preferred answer), keeping the page's
 * order of first appearance; spellings within an item by count, most used first.
 */
export function pageItems(ids: readonly PageId[], registry: Registry, options?: ResolveOptions): PageItem[] {
  const items = new Map<string, PageItem>();
  for (const spelling of ids) {
    if (!spelling.text || !(spelling.count > 0)) continue;
    const answer = resolve(registry, spelling.text, options);
    const top = answer.status === 'found' || answer.status === 'corrected' ? answer.results[0] : undefined;
    const key = top ? top.secid : `text:${spelling.text}`;
    let item = items.get(key);
    if (!item) {
      item = { key, text: top?.id ?? spelling.text, count: 0, spellings: [] };
      if (top) {
        item.secid = top.secid;
        if (top.title) item.title = top.title;
        if (top.url && /^https?:/i.test(top.url)) item.url = top.url;
        if (top.edition && top.id) item.edition = top.edition;
      }
      const sourceKey = top?.source_secid?.replace(/^secid:/, '') ?? spelling.sourceKey;
      if (sourceKey) item.sourceKey = sourceKey;
      items.set(key, item);
    }
    item.count += spelling.count;
    item.spellings.push(spelling);
  }
  for (const item of items.values()) item.spellings.sort((a, b) => b.count - a.count);
  return [...items.values()];
}
