import type { Registry } from '../core/registry.ts';
import type { ResolveOptions } from '../core/resolve-types.ts';
import { resolve } from '../core/resolve.ts';
import type { RegistrySearch } from '../core/search.ts';
import { joinV1Hits, type V1Search } from '../core/v1/search.ts';

export interface Suggestion {
  content: string;
  description: string;
}

export interface SuggestOptions {
  limit?: number;
  /**
   * Chrome reads descriptions as XML (<match>, <dim>; everything else escaped); Firefox shows them as plain text,
   * where tags and entities would appear literally.
   */
  markup?: boolean;
  resolve?: ResolveOptions;
  /** The imported SecID 1.0 namespaces' search, when loaded: its hits follow ours. */
  v1Search?: V1Search;
}

/** Omnibox descriptions are XML: escape everything that comes from the registry or the user. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Where the query's words occur in `text` (case-insensitive): each word's first occurrence at the start of a word,
 * else anywhere. `LLM01:2025` counts as the words LLM01 and 2025. Ranges are sorted and merged.
 */
export function matchRanges(text: string, query: string): [number, number][] {
  const lower = text.toLowerCase();
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''));
  const useful = words.filter((w) => w.length >= 2 || (words.length === 1 && w.length === 1));
  const ranges: [number, number][] = [];
  for (const word of useful) {
    let at = -1;
    for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(lower[i - 1]!)) {
        at = i;
        break;
      }
      if (at < 0) at = i;
    }
    if (at >= 0) ranges.push([at, at + word.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** A description from plain parts: dimmed parts in <dim>, the query's words in <match>, all else escaped. */
export function describe(parts: { text: string; dim?: boolean }[], query: string, markup = true): string {
  const text = parts.map((p) => p.text).join('');
  if (!markup) return text;
  const dim: boolean[] = [];
  for (const p of parts) for (let i = 0; i < p.text.length; i++) dim.push(!!p.dim);
  const match = new Array<boolean>(text.length).fill(false);
  for (const [from, to] of matchRanges(text, query)) match.fill(true, from, to);
  let out = '';
  let i = 0;
  // Flat runs of equal styling, each wrapped on its own, keep the nesting valid.
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && dim[j] === dim[i] && match[j] === match[i]) j++;
    let run = xmlEscape(text.slice(i, j));
    if (match[i]) run = `<match>${run}</match>`;
    if (dim[i]) run = `<dim>${run}</dim>`;
    out += run;
    i = j;
  }
  return out;
}

/** "ID - title (list, edition)". */
function label(id: string, title: string | undefined, list: (string | undefined)[]): { text: string; dim?: boolean }[] {
  const parts: { text: string; dim?: boolean }[] = [{ text: id }];
  if (title && title !== id) parts.push({ text: ` - ${title}` });
  const where = list.filter(Boolean).join(', ');
  if (where) parts.push({ text: ` (${where})`, dim: true });
  return parts;
}

/** Up to 6 suggestions: what the text resolves to first (exact IDs, every edition), then search hits. */
export function omniboxSuggestions(
  text: string,
  registry: Registry,
  search: RegistrySearch,
  options: SuggestOptions = {},
): Suggestion[] {
  const { limit = 6, markup = true } = options;
  const q = text.trim().slice(0, 1024);
  if (q === '') return [];
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (content: string, parts: { text: string; dim?: boolean }[]) => {
    if (seen.has(content) || out.length >= limit) return;
    seen.add(content);
    out.push({ content, description: describe(parts, q, markup) });
  };
  const answer = resolve(registry, q, options.resolve);
  if (answer.status === 'found' || answer.status === 'corrected') {
    for (const r of answer.results) {
      if (r.id) add(r.secid, label(r.id, r.title ?? r.source_name, [r.source_short ?? r.source_name, r.edition]));
      else add(r.secid, label(r.secid.replace(/^secid:/, ''), r.title, []));
    }
  }
  const ours = search.search(q, limit * 2);
  const imported = options.v1Search?.search(q, limit * 2) ?? [];
  for (const hit of imported.length ? joinV1Hits({ query: q, ours, v1: imported, limit: limit * 2, registry }) : ours) {
    // An imported namespace says which one (its domain).
    add(
      hit.secid,
      hit.kind === 'item'
        ? label(hit.code, hit.title, [hit.sourceShort, hit.edition])
        : label(hit.code, hit.title, 'origin' in hit ? [hit.sourceShort] : []),
    );
  }
  return out;
}

export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

/**
 * Where Enter goes: the source page when the text names exactly one thing (one item in one edition, or one list;
 * a CVE listed by several databases is one thing and goes to its issuer, listed first), else the SecID page.
 */
export function omniboxTarget(
  text: string,
  registry: Registry,
  secidPage: (q: string) => string,
  options?: ResolveOptions,
): string {
  const q = text.trim().slice(0, 1024);
  if (q === '') return secidPage(q);
  const answer = resolve(registry, q, options);
  const first = answer.results[0];
  if ((answer.status === 'found' || answer.status === 'corrected') && first?.url && /^https?:/i.test(first.url)) {
    // The official registry's further links for the same SecID (origin) are not other things.
    const one = answer.results
      .filter((r) => !r.origin)
      .every(
        (r) =>
          r.id === first.id &&
          (r.id !== undefined || r.secid === first.secid) &&
          (r.version ?? '') === (first.version ?? ''),
      );
    if (one) return first.url;
  }
  return secidPage(q);
}

/**
 * Enter in the address bar: our SecID page by default (it works offline and has every edition and link), the
 * source's own page one setting away (`goTo: 'source'`, which still lands on the SecID page for anything ambiguous).
 */
export function omniboxEnterUrl(args: {
  text: string;
  registry: Registry;
  secidPage: (q: string) => string;
  goTo: 'resolve' | 'source';
  options?: ResolveOptions;
}): string {
  const { text, registry, secidPage, goTo, options } = args;
  if (goTo === 'source') return omniboxTarget(text, registry, secidPage, options);
  return secidPage(text.trim().slice(0, 1024));
}
