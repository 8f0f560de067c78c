import type { Registry } from '../core/registry.ts';
import { resolve } from '../core/resolve.ts';
import type { RegistrySearch } from '../core/search.ts';

export interface Suggestion {
  content: string;
  description: string;
}

/** Omnibox descriptions are XML: escape everything that comes from the registry or the user. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Wraps the first case-insensitive occurrence of `query` in <match>, escaping the rest. */
export function highlight(text: string, query: string): string {
  const q = query.trim();
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return xmlEscape(text);
  return `${xmlEscape(text.slice(0, i))}<match>${xmlEscape(text.slice(i, i + q.length))}</match>${xmlEscape(text.slice(i + q.length))}`;
}

/** Up to 6 suggestions: "ID - title (list, edition)". Resolution first (exact IDs), then search hits. */
export function omniboxSuggestions(text: string, registry: Registry, search: RegistrySearch, limit = 6): Suggestion[] {
  const q = text.trim();
  if (q === '') return [];
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (content: string, label: string) => {
    if (seen.has(content) || out.length >= limit) return;
    seen.add(content);
    out.push({ content, description: highlight(label, q) });
  };
  const answer = resolve(registry, q);
  if (answer.status === 'found' || answer.status === 'corrected') {
    for (const r of answer.results) {
      if (!r.id) continue;
      const list = [r.source_short ?? r.source, r.edition].filter(Boolean).join(', ');
      add(r.secid, `${r.id} - ${r.title ?? r.source ?? ''}${list ? ` (${list})` : ''}`);
    }
  }
  for (const hit of search.search(q, limit * 2)) {
    add(hit.secid, `${hit.code} - ${hit.title} (${[hit.source, hit.edition].filter(Boolean).join(', ')})`);
  }
  return out;
}

export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

/** Where Enter goes: the source page of an unambiguous ID, else the resolve page. */
export function omniboxTarget(text: string, registry: Registry, resolvePage: (q: string) => string): string {
  const q = text.trim();
  const answer = resolve(registry, q);
  const withUrl = answer.results.filter((r) => r.url && r.id);
  if ((answer.status === 'found' || answer.status === 'corrected') && withUrl.length > 0) {
    const items = new Set(answer.results.map((r) => `${r.source_secid}#${r.id}@${r.version ?? ''}`));
    // One item in one edition (a CVE listed by several databases still counts as one: the first is the issuer).
    const sameThing = answer.results.every((r) => r.id === answer.results[0]!.id) && new Set(answer.results.map((r) => r.version ?? '')).size <= 1;
    if (items.size === 1 || sameThing) return withUrl[0]!.url!;
  }
  return resolvePage(q);
}
