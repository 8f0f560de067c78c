import type { ResolveResponse } from '../core/resolve-types.ts';
import type { SearchHit } from '../core/search.ts';

/** One row of the popup's result list. */
export interface ResultOption {
  secid: string;
  /** The ID (`ML03`), or a list's short name for a whole list. */
  code: string;
  title: string;
  source?: string;
  edition?: string;
  /** The resolution of the typed text itself, kept on the first row it produced so its card needs no second lookup. */
  response?: ResolveResponse;
  /** True for rows that come from resolving the typed text (as opposed to searching for it). */
  resolved: boolean;
}

const unversioned = (secid: string) => secid.replace(/@[^#?]*/, '');

/**
 * The rows for a query: what the text resolves to first (one row per thing: a CVE listed by seven databases is one
 * row whose card names the others, while LLM04 in two editions is two rows), then search hits not already listed.
 */
export function resultOptions(
  response: ResolveResponse | undefined,
  hits: readonly SearchHit[],
  limit = 12,
): ResultOption[] {
  const out: ResultOption[] = [];
  const seen = new Set<string>();
  if (response && (response.status === 'found' || response.status === 'corrected' || response.status === 'related')) {
    const things = new Set<string>();
    response.results.forEach((r, i) => {
      const thing = `${r.id ?? r.secid}|${r.id ? (r.edition ?? '') : ''}`;
      seen.add(r.secid).add(unversioned(r.secid));
      if (things.has(thing)) return;
      things.add(thing);
      const option: ResultOption = {
        secid: r.secid,
        code: r.id ?? r.source_short ?? r.secid.replace(/^secid:/, ''),
        title: r.title ?? r.source_name ?? '',
        resolved: true,
      };
      const source = r.source_short ?? r.source_name;
      if (r.id && source) option.source = source;
      if (r.id && r.edition) option.edition = r.edition;
      if (i === 0) option.response = response;
      out.push(option);
    });
  }
  for (const hit of hits) {
    if (out.length >= limit) break;
    if (seen.has(hit.secid) || (!hit.edition && seen.has(unversioned(hit.secid)))) continue;
    seen.add(hit.secid);
    const option: ResultOption = { secid: hit.secid, code: hit.code, title: hit.title, resolved: false };
    // An imported SecID 1.0 namespace or source shows its domain, so it reads apart from our own lists.
    if (hit.kind === 'item' || 'origin' in hit) option.source = hit.sourceShort;
    if (hit.edition) option.edition = hit.edition;
    out.push(option);
  }
  return out.slice(0, Math.max(limit, out.filter((o) => o.resolved).length));
}
